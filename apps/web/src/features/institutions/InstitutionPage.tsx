import { Anchor, Badge, Button, Grid, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconPencil } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { institutionName, useReferenceNames } from '../../app/reference';
import { NotFoundPage } from '../errors/NotFoundPage';
import { useInstitution } from './api';
import { ContactPointsSection } from './ContactPoints';
import { InstitutionForm } from './InstitutionForm';
import { useServiceLabels } from './labels';
import { useActorMapPermissions } from './permissions';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="35%" style={{ verticalAlign: 'top' }}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
      </Table.Th>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

/** One institution of the actor map: every detail, its services and its contact points. */
export function InstitutionPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const institution = useInstitution(id);
  const names = useReferenceNames();
  const services = useServiceLabels();
  const permissions = useActorMapPermissions();
  const [editing, setEditing] = useState(false);
  const language = services.language;

  if (institution.isPending) return <Loading />;
  if (!institution.data) {
    // A malformed id is refused as a bad request: for the reader it is a page that does not exist either.
    return institution.error instanceof ApiError && [400, 404].includes(institution.error.status) ? (
      <NotFoundPage />
    ) : (
      <ProblemAlert error={institution.error} onRetry={() => void institution.refetch()} />
    );
  }
  const inst = institution.data;
  const mayEdit = permissions.mayEdit(inst.territoryCode);
  const other = language === 'ar' ? inst.nameFr : inst.nameAr;
  const commune = inst.commune ? (language === 'ar' ? inst.commune.nameAr : inst.commune.nameFr) : null;
  const none = (
    <Text size="sm" c="gray.7" component="span">
      {t('institutions.notGiven')}
    </Text>
  );

  return (
    <>
      <Anchor
        component={Link}
        to={`/institutions?territory=${encodeURIComponent(inst.territoryCode)}`}
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowBackUp size={16} aria-hidden="true" />
        {t('institutions.backToMap')}
      </Anchor>
      <PageHeader
        title={institutionName(inst, language)}
        subtitle={other}
        actions={
          mayEdit ? (
            <Button
              leftSection={<IconPencil size={16} aria-hidden="true" />}
              onClick={() => setEditing(true)}
              data-testid="institution-edit"
            >
              {t('institutions.edit')}
            </Button>
          ) : null
        }
      />
      <Group gap="xs" mb="md">
        <Badge variant="light" color="madar" style={{ textTransform: 'none' }}>
          {t(`institutionTypes.${inst.type}`)}
        </Badge>
        <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
          {names.sector(inst.sectorCode)}
        </Badge>
        <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
          {names.territory(inst.territoryCode)}
        </Badge>
        <Badge color={inst.active ? 'teal' : 'gray'} variant="light" data-testid="institution-status">
          {inst.active ? t('common.active') : t('common.inactive')}
        </Badge>
      </Group>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="services-title">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4" id="services-title">
                  {t('institutions.services')}
                </Title>
                <Badge variant="light" color="gray">
                  {inst.services.length}
                </Badge>
              </Group>
              {inst.services.length === 0 ? (
                <Text size="sm" c="gray.7">
                  {t('institutions.noServices')}
                </Text>
              ) : (
                <List size="sm" spacing={4} data-testid="institution-services-list">
                  {inst.services.map((code) => (
                    <List.Item key={code} data-service={code}>
                      {services.service(code)}
                      <Text component="span" size="xs" c="gray.7">
                        {' · '}
                        {services.stage(services.stageOf(code) ?? '')}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </Paper>

            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="details-title">
              <Title order={2} size="h4" id="details-title" mb="sm">
                {t('institutions.details')}
              </Title>
              <Table.ScrollContainer minWidth={300}>
                <Table verticalSpacing={6} data-testid="institution-details">
                  <Table.Tbody>
                    <Row label={t('institutions.address')}>
                      {inst.address ? <span dir="auto">{inst.address}</span> : none}
                    </Row>
                    <Row label={t('institutions.commune')}>{commune ?? none}</Row>
                    <Row label={t('institutions.coordinates')}>
                      {inst.coordinates ? (
                        <Group gap={6}>
                          <span dir="ltr">
                            {inst.coordinates.lat}, {inst.coordinates.lng}
                          </span>
                          <Anchor
                            underline="always"
                            size="sm"
                            href={`https://www.openstreetmap.org/?mlat=${inst.coordinates.lat}&mlon=${inst.coordinates.lng}#map=17/${inst.coordinates.lat}/${inst.coordinates.lng}`}
                            target="_blank"
                            rel="noopener noreferrer"
                          >
                            {t('directory.card.map')}
                          </Anchor>
                        </Group>
                      ) : (
                        none
                      )}
                    </Row>
                    <Row label={t('institutions.hours')}>
                      {inst.openingHours ? <span dir="auto">{inst.openingHours}</span> : none}
                    </Row>
                    <Row label={t('institutions.phone')}>
                      {inst.phone ? (
                        <Anchor href={`tel:${inst.phone}`} dir="ltr" size="sm" underline="always">
                          {inst.phone}
                        </Anchor>
                      ) : (
                        none
                      )}
                    </Row>
                    <Row label={t('institutions.fax')}>
                      {inst.fax ? <span dir="ltr">{inst.fax}</span> : none}
                    </Row>
                    <Row label={t('institutions.email')}>
                      {inst.email ? (
                        <Anchor href={`mailto:${inst.email}`} dir="ltr" size="sm" underline="always">
                          {inst.email}
                        </Anchor>
                      ) : (
                        none
                      )}
                    </Row>
                    <Row label={t('institutions.website')}>
                      {inst.website ? (
                        <Anchor
                          href={inst.website}
                          target="_blank"
                          rel="noopener noreferrer"
                          dir="ltr"
                          size="sm"
                          underline="always"
                        >
                          {inst.website}
                        </Anchor>
                      ) : (
                        none
                      )}
                    </Row>
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ContactPointsSection institution={inst} contacts={inst.contacts} editable={mayEdit} />
        </Grid.Col>
      </Grid>

      <AppModal opened={editing} onClose={() => setEditing(false)} title={t('institutions.edit')} size="xl">
        {editing ? (
          <InstitutionForm
            institution={inst}
            restrictTerritory={permissions.restrictTerritory}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              notifications.show({ color: 'teal', message: t('common.saved') });
            }}
          />
        ) : null}
      </AppModal>
    </>
  );
}
