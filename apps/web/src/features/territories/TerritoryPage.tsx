import { hasAnyRole, NATIONAL_ROLES } from '@madar/domain';
import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconBuildingCommunity, IconChartPie, IconRoute2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fieldErrorsOf } from '../../app/api';
import { EmptyRow } from '../../app/components/EmptyRow';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { formatNumber } from '../../app/format';
import { canEdit, canOpen } from '../../app/navigation';
import { nameIn, useCurrentSession, useReference } from '../../app/queries';
import { currentLanguage } from '../../i18n';
import { NotFoundPage } from '../errors/NotFoundPage';
import { useCommunes, useCreateCommune } from './api';

function AddCommune({ territoryCode }: { territoryCode: string }) {
  const { t } = useTranslation();
  const create = useCreateCommune();
  const name = (v: string) => (v.trim().length >= 2 ? null : t('validation.minLength', { min: 2 }));
  const form = useForm({
    initialValues: { nameAr: '', nameFr: '' },
    validate: { nameAr: name, nameFr: name },
  });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="add-commune-title">
      <Title order={2} size="h4" mb="sm" id="add-commune-title">
        {t('territories.addCommune')}
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          create.mutate(
            { territoryCode, nameAr: values.nameAr.trim(), nameFr: values.nameFr.trim() },
            {
              onSuccess: () => {
                form.reset();
                notifications.show({ color: 'teal', message: t('territories.communeAdded') });
              },
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
            },
          ),
        )}
      >
        <Stack gap="sm">
          <ProblemAlert error={create.error} testId="form-error" />
          <TextInput
            label={t('territories.communeNameAr')}
            dir="rtl"
            lang="ar"
            required
            {...form.getInputProps('nameAr')}
          />
          <TextInput
            label={t('territories.communeNameFr')}
            dir="ltr"
            lang="fr"
            required
            {...form.getInputProps('nameFr')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="commune-save">
              {t('territories.addCommune')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function TerritoryPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const reference = useReference();
  const communes = useCommunes(code);
  const { user } = useCurrentSession();
  const language = currentLanguage();

  if (reference.isPending) return <Loading />;
  const territory = reference.data?.territories.find((tr) => tr.code === code);
  if (!territory) return reference.error ? <ProblemAlert error={reference.error} /> : <NotFoundPage />;
  const region = reference.data?.regions.find((r) => r.code === territory.regionCode);
  const mayAdd =
    canEdit('communes', user.roles) &&
    (hasAnyRole(user.roles, NATIONAL_ROLES) || user.territoryCode === territory.code);
  // circuitPolicy: the Ministry for any territory, the territory's own CAPE, committee and administrator.
  const mayReadCircuit =
    canOpen('circuit', user.roles) &&
    (hasAnyRole(user.roles, NATIONAL_ROLES) || user.territoryCode === territory.code);

  return (
    <>
      <Anchor
        component={Link}
        to="/territories"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowBackUp size={16} aria-hidden="true" />
        {t('territories.backToList')}
      </Anchor>
      <PageHeader title={nameIn(territory, language)} subtitle={nameIn(region, language)} />
      <Group gap="xs" mb="md">
        <Badge variant="light" color="gray">
          {t(`territoryKinds.${territory.kind}`, { defaultValue: territory.kind })}
        </Badge>
        {territory.pilot ? (
          <Badge color="violet" variant="light">
            {t('territories.pilot')}
          </Badge>
        ) : null}
        <Badge color={territory.dtipeEstablished ? 'teal' : 'gray'} variant="light">
          {territory.dtipeEstablished ? t('territories.established') : t('territories.notEstablished')}
        </Badge>
        <Text size="sm" c="gray.7">
          {t('territories.casePrefix')}: <span className="madar-mono">{territory.caseCodePrefix}</span>
        </Text>
      </Group>
      <Group gap="xs" mb="md">
        <Button
          component={Link}
          to={`/institutions?territory=${territory.code}`}
          variant="light"
          leftSection={<IconBuildingCommunity size={16} aria-hidden="true" />}
          data-testid="territory-actor-map"
        >
          {t('territories.actorMap')}
        </Button>
        <Button
          component={Link}
          to={`/territories/${territory.code}/coverage`}
          variant="light"
          leftSection={<IconChartPie size={16} aria-hidden="true" />}
          data-testid="territory-coverage"
        >
          {t('territories.coverage.link')}
        </Button>
        {mayReadCircuit ? (
          <Button
            component={Link}
            to={`/territories/${territory.code}/circuit`}
            variant="light"
            leftSection={<IconRoute2 size={16} aria-hidden="true" />}
            data-testid="territory-circuit"
          >
            {t('territories.circuit.link')}
          </Button>
        ) : null}
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: mayAdd ? 7 : 12 }}>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="communes-title">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" id="communes-title">
                {t('territories.communes')}
              </Title>
              {communes.data ? (
                <Badge variant="light" color="gray">
                  {formatNumber(communes.data.length, language)}
                </Badge>
              ) : null}
            </Group>
            <ProblemAlert error={communes.error} onRetry={() => void communes.refetch()} />
            {communes.isPending ? (
              <Loading />
            ) : (
              <Table.ScrollContainer minWidth={320}>
                <Table striped data-testid="communes-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('territories.communeNameAr')}</Table.Th>
                      <Table.Th scope="col">{t('territories.communeNameFr')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {communes.data?.length === 0 ? <EmptyRow colSpan={2} /> : null}
                    {communes.data?.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td lang="ar" dir="rtl">
                          {c.nameAr}
                        </Table.Td>
                        <Table.Td lang="fr" dir="ltr">
                          {c.nameFr}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </Grid.Col>
        {mayAdd ? (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <AddCommune territoryCode={territory.code} />
          </Grid.Col>
        ) : null}
      </Grid>
    </>
  );
}
