import { PROTOCOL_STAGES, type ProtocolRuleValues } from '@madar/domain';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import { useLanguage } from '../instruments/labels';
import type { ProtocolLabels } from './labels';

/** A rule on screen: its values and a key that stays while it is edited (server rules: their id). */
export interface RuleRow extends ProtocolRuleValues {
  key: string;
}

export interface RowEditing {
  onEdit: (key: string) => void;
  onRemove: (key: string) => void;
  onAdd: (stage: ProtocolRuleValues['stage']) => void;
  /** Server messages by row key, then field. */
  errors: Record<string, Record<string, string>>;
}

/** Rules for every child first, then by form of harm, then by situation, then by service. */
function ordered(rows: readonly RuleRow[], labels: ProtocolLabels): RuleRow[] {
  const rank = (r: RuleRow) => (r.harmForm === null ? 0 : 1) + (r.situation === null ? 0 : 2);
  return [...rows].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      labels.harmForm(a.harmForm).localeCompare(labels.harmForm(b.harmForm)) ||
      labels.situation(a.situation).localeCompare(labels.situation(b.situation)) ||
      labels.service(a.serviceCode).localeCompare(labels.service(b.serviceCode)),
  );
}

function Condition({ rule, labels }: { rule: RuleRow; labels: ProtocolLabels }) {
  const { t } = useTranslation();
  if (rule.harmForm === null && rule.situation === null) {
    return (
      <Text size="sm" c="gray.8">
        {t('protocol.everyChild')}
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      {rule.harmForm !== null ? (
        <Text size="sm">
          <Text span size="xs" c="gray.7">
            {t('protocol.harmForm')}
            {t('protocol.colon')}
          </Text>
          {labels.harmForm(rule.harmForm)}
        </Text>
      ) : null}
      {rule.situation !== null ? (
        <Text size="sm">
          <Text span size="xs" c="gray.7">
            {t('protocol.situation')}
            {t('protocol.colon')}
          </Text>
          {labels.situation(rule.situation)}
        </Text>
      ) : null}
    </Stack>
  );
}

function Delay({ days, urgent }: { days: number; urgent: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = t('protocol.days', { count: days, n: formatNumber(days, language) });
  return urgent ? (
    <Badge color="red" variant="light" style={{ textTransform: 'none' }}>
      {text}
    </Badge>
  ) : (
    <Text size="sm">{text}</Text>
  );
}

function RowErrors({ errors }: { errors: Record<string, string> | undefined }) {
  const { t } = useTranslation();
  if (!errors) return null;
  return (
    <List size="xs" c="red.8" mt={4} data-testid="protocol-row-errors">
      {Object.entries(errors).map(([field, message]) => (
        <List.Item key={field}>
          {t(`protocol.fields.${field}`, { defaultValue: field })}
          {t('protocol.colon')}
          {message}
        </List.Item>
      ))}
    </List>
  );
}

function RowActions({
  rule,
  editing,
  labels,
}: {
  rule: RuleRow;
  editing: RowEditing;
  labels: ProtocolLabels;
}) {
  const { t } = useTranslation();
  const name = labels.service(rule.serviceCode);
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={t('common.edit')}>
        <ActionIcon
          variant="subtle"
          onClick={() => editing.onEdit(rule.key)}
          aria-label={`${t('common.edit')}: ${name}`}
          data-testid="protocol-row-edit"
        >
          <IconPencil size={18} aria-hidden="true" />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('protocol.remove')}>
        <ActionIcon
          variant="subtle"
          color="red"
          onClick={() => editing.onRemove(rule.key)}
          aria-label={`${t('protocol.remove')}: ${name}`}
          data-testid="protocol-row-remove"
        >
          <IconTrash size={18} aria-hidden="true" />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/**
 * The protocol as people read it: one section per stage of the circuit, each rule saying to whom it
 * applies, which service of the basket, which sector delivers it and within how many days. With
 * `editing`, each row can be changed or removed and each stage gets an "add" button.
 */
export function RuleGroups({
  rows,
  labels,
  editing,
}: {
  rows: readonly RuleRow[];
  labels: ProtocolLabels;
  editing?: RowEditing;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const wide = useMediaQuery('(min-width: 48em)', true);

  return (
    <Stack gap="lg" data-testid="protocol-table">
      {PROTOCOL_STAGES.map((stage) => {
        const inStage = ordered(
          rows.filter((r) => r.stage === stage),
          labels,
        );
        if (!editing && inStage.length === 0) return null;
        const headingId = `protocol-stage-${stage}`;
        return (
          <section key={stage} aria-labelledby={headingId} data-testid={`protocol-stage-${stage}`}>
            <Group justify="space-between" mb="xs" gap="xs">
              <Title order={2} size="h4" id={headingId}>
                {labels.stage(stage)}{' '}
                <Text span c="gray.7" size="sm" fw={400}>
                  ({formatNumber(inStage.length, language)})
                </Text>
              </Title>
              {editing ? (
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconPlus size={14} aria-hidden="true" />}
                  onClick={() => editing.onAdd(stage)}
                  data-testid={`protocol-add-${stage}`}
                >
                  {t('protocol.add')}
                </Button>
              ) : null}
            </Group>
            {inStage.length === 0 ? (
              <Text size="sm" c="gray.7">
                {t('protocol.noRule')}
              </Text>
            ) : wide ? (
              <Table.ScrollContainer minWidth={680}>
                <Table striped verticalSpacing="xs" withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col" w="28%">
                        {t('protocol.appliesTo')}
                      </Table.Th>
                      <Table.Th scope="col">{t('protocol.service')}</Table.Th>
                      <Table.Th scope="col">{t('protocol.sector')}</Table.Th>
                      <Table.Th scope="col">{t('protocol.maxDelay')}</Table.Th>
                      {editing ? (
                        <Table.Th scope="col">
                          <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                        </Table.Th>
                      ) : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {inStage.map((rule) => {
                      const errors = editing?.errors[rule.key];
                      return (
                        <Table.Tr
                          key={rule.key}
                          data-testid="protocol-row"
                          bg={errors ? 'red.0' : undefined}
                          aria-invalid={errors ? true : undefined}
                        >
                          <Table.Td>
                            <Condition rule={rule} labels={labels} />
                            <RowErrors errors={errors} />
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" fw={500}>
                              {labels.service(rule.serviceCode)}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{labels.sector(rule.sectorCode)}</Text>
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <Delay days={rule.maxDelayDays} urgent={rule.maxDelayDays <= 1} />
                          </Table.Td>
                          {editing ? (
                            <Table.Td>
                              <RowActions rule={rule} editing={editing} labels={labels} />
                            </Table.Td>
                          ) : null}
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : (
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {inStage.map((rule) => {
                  const errors = editing?.errors[rule.key];
                  return (
                    <Paper
                      component="li"
                      key={rule.key}
                      withBorder
                      radius="md"
                      p="sm"
                      bg={errors ? 'red.0' : undefined}
                      style={errors ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
                      data-testid="protocol-row"
                    >
                      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                        <Text size="sm" fw={600}>
                          {labels.service(rule.serviceCode)}
                        </Text>
                        {editing ? <RowActions rule={rule} editing={editing} labels={labels} /> : null}
                      </Group>
                      <Condition rule={rule} labels={labels} />
                      <Group justify="space-between" gap="xs" mt={4} wrap="wrap">
                        <Text size="xs" c="gray.7">
                          {labels.sector(rule.sectorCode)}
                        </Text>
                        <Delay days={rule.maxDelayDays} urgent={rule.maxDelayDays <= 1} />
                      </Group>
                      <RowErrors errors={errors} />
                    </Paper>
                  );
                })}
              </Stack>
            )}
          </section>
        );
      })}
    </Stack>
  );
}
