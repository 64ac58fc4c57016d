import type { AssessmentInstrument } from '@madar/domain';
import { Accordion, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import { DANGER_COLORS, dangerLevelLabel, labelIn, useLanguage } from './labels';

function Section({ title, children, order }: { title: string; children: ReactNode; order: 2 | 3 | 4 }) {
  return (
    <Paper component="section" withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Title order={order} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function LevelBadge({ level }: { level: string }) {
  const language = useLanguage();
  return (
    <Badge
      color={DANGER_COLORS[level] ?? 'gray'}
      variant="light"
      // Yellow text on pale yellow stays under 4.5:1 even darkened: write it in near-black.
      c={level === 'risk' ? 'dark.9' : undefined}
      style={{ textTransform: 'none' }}
    >
      {dangerLevelLabel(level, language)}
    </Badge>
  );
}

/**
 * A danger-assessment instrument, readable by a social worker: its scale, domains and items, how the
 * level is computed, the red flags and the orientation each level proposes, in the interface language.
 * `headingOrder` is the level of its section headings (3 under the page's h2).
 */
export function InstrumentView({
  instrument,
  headingOrder = 3,
}: {
  instrument: AssessmentInstrument;
  headingOrder?: 2 | 3;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  const sub = (headingOrder + 1) as 3 | 4;
  const { scale, domains, scoring, red_flags: redFlags, orientations } = instrument;
  const hasProtective = domains.some((d) => d.protective);
  const domainName = (code: string) =>
    labelIn(
      domains.find((d) => d.code === code),
      language,
    ) || code;
  const lastLevel = scoring.thresholds[scoring.thresholds.length - 1]?.level;
  // Absent: the most severe level; null: recorded without changing the level (see the schema).
  const redFlagLevel = redFlags.override_level === undefined ? lastLevel : redFlags.override_level;

  return (
    <Stack gap="sm">
      <Section order={headingOrder} title={t('instruments.scale')}>
        <Text size="sm">{t('instruments.scaleRange', { min: n(scale.min), max: n(scale.max) })}</Text>
        {scale.labels?.length ? (
          <List size="sm" mt={4} spacing={2}>
            {scale.labels.map((l) => (
              <List.Item key={l.value}>
                <b>{n(l.value)}</b> — {labelIn(l, language)}
              </List.Item>
            ))}
          </List>
        ) : null}
      </Section>

      <Section
        order={headingOrder}
        title={t('instruments.domains', {
          domains: n(domains.length),
          items: n(domains.reduce((sum, d) => sum + d.items.length, 0)),
        })}
      >
        <Accordion multiple variant="separated" order={sub}>
          {domains.map((domain) => (
            <Accordion.Item key={domain.code} value={domain.code}>
              <Accordion.Control>
                <Group gap="xs" wrap="wrap">
                  <Text fw={600} size="sm">
                    {labelIn(domain, language)}
                  </Text>
                  <Badge variant="light" color="gray" style={{ textTransform: 'none' }}>
                    {t('instruments.itemCount', { count: domain.items.length, n: n(domain.items.length) })}
                  </Badge>
                  {domain.protective ? (
                    <Badge variant="light" color="teal" style={{ textTransform: 'none' }}>
                      {t('instruments.protective')}
                    </Badge>
                  ) : null}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <List type="ordered" size="sm" spacing={4}>
                  {domain.items.map((item) => (
                    <List.Item key={item.code}>{labelIn(item, language)}</List.Item>
                  ))}
                </List>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Section>

      <Section order={headingOrder} title={t('instruments.scoring')}>
        <List size="sm" spacing={4} mb="sm">
          <List.Item>
            {scoring.domain_score === 'sum'
              ? t('instruments.domainScoreSum')
              : t('instruments.domainScoreMax')}
          </List.Item>
          <List.Item>
            {hasProtective
              ? t('instruments.totalWithProtective', {
                  weight: n(Math.round(scoring.protective_weight * 100)),
                  rounding: t(`instruments.rounding.${scoring.rounding}`),
                })
              : t('instruments.total')}
          </List.Item>
          {scoring.level_floors.map((floor) => (
            <List.Item key={`${floor.domain}-${floor.min_item_value}-${floor.level}`}>
              {t('instruments.levelFloor', {
                domain: domainName(floor.domain),
                value: n(floor.min_item_value),
                level: dangerLevelLabel(floor.level, language),
              })}
            </List.Item>
          ))}
        </List>
        <Table withTableBorder verticalSpacing={6} captionSide="top" data-testid="instrument-thresholds">
          <Table.Caption c="gray.7">{t('instruments.thresholds')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('instruments.level')}</Table.Th>
              <Table.Th scope="col">{t('instruments.totalScore')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {scoring.thresholds.map((threshold, i) => {
              const previous = scoring.thresholds[i - 1]?.max_total;
              const from = previous == null ? 0 : previous + 1;
              return (
                <Table.Tr key={threshold.level}>
                  <Table.Td>
                    <LevelBadge level={threshold.level} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" span>
                      {threshold.max_total === null
                        ? t('instruments.rangeOpen', { from: n(from) })
                        : t('instruments.range', { from: n(from), to: n(threshold.max_total) })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Section>

      <Section order={headingOrder} title={t('instruments.redFlags')}>
        <Text size="sm" mb="xs">
          {redFlagLevel
            ? t('instruments.redFlagsOverride', { level: dangerLevelLabel(redFlagLevel, language) })
            : t('instruments.redFlagsRecorded')}
        </Text>
        {redFlags.items.length ? (
          <List size="sm" spacing={4}>
            {redFlags.items.map((flag) => (
              <List.Item key={flag.code}>{labelIn(flag, language)}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="gray.7">
            {t('instruments.noRedFlags')}
          </Text>
        )}
      </Section>

      <Section order={headingOrder} title={t('instruments.orientations')}>
        <Text size="sm" mb="xs">
          {t('instruments.orientationsHelp')}
        </Text>
        <Table withTableBorder verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('instruments.level')}</Table.Th>
              <Table.Th scope="col">{t('instruments.orientation')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orientations.map((o) => (
              <Table.Tr key={o.level}>
                <Table.Td>
                  <LevelBadge level={o.level} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {labelIn(o, language)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
    </Stack>
  );
}
