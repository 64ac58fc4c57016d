import type { Language } from '@madar/domain';
import { Alert, Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconEyeOff, IconFolderOpen, IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber, localeOf } from '../../app/format';
import type { ChildMatch, ChildSearchResult } from './api';
import { ageBandLabel, sexLabel } from './labels';

/** Says whether names are shown (and that each view is logged) or hidden by the user's role. */
export function IdentityNotice({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  return shown ? (
    <Alert
      color="blue"
      variant="light"
      icon={<IconShieldLock aria-hidden="true" />}
      data-testid="identity-logged-notice"
      role="note"
      p="xs"
    >
      <Text size="sm">{t('children.search.identitiesLogged')}</Text>
    </Alert>
  ) : (
    <Alert
      color="gray"
      variant="light"
      icon={<IconEyeOff aria-hidden="true" />}
      data-testid="identity-hidden-notice"
      role="note"
      p="xs"
    >
      <Text size="sm">{t('children.search.identitiesHidden')}</Text>
    </Alert>
  );
}

function formatPercent(value: number, language: Language): string {
  return new Intl.NumberFormat(`${localeOf(language)}-u-nu-latn`, { style: 'percent' }).format(value);
}

function fullName(first: string | null, last: string | null): string {
  return [first, last].filter(Boolean).join(' ');
}

export function MatchNames({ match }: { match: ChildMatch }) {
  const identity = match.identity;
  if (!identity) return null;
  const ar = fullName(identity.firstNameAr, identity.lastNameAr);
  const latin = fullName(identity.firstNameLatin, identity.lastNameLatin);
  return (
    <Group gap="xs" wrap="wrap">
      {ar ? (
        <Text fw={700} lang="ar" dir="rtl">
          {ar}
        </Text>
      ) : null}
      {ar && latin ? (
        <Text c="gray.6" aria-hidden="true">
          ·
        </Text>
      ) : null}
      {latin ? (
        <Text fw={700} lang="fr" dir="ltr">
          {latin}
        </Text>
      ) : null}
    </Group>
  );
}

/** Children found: code, sex, age band, names when allowed, score, and the open case. */
export function ChildMatchList({
  result,
  action,
  testId,
  rowTestId = (m) => `child-match-${m.child.code}`,
}: {
  result: ChildSearchResult;
  action?: (match: ChildMatch) => ReactNode;
  testId: string;
  rowTestId?: (match: ChildMatch) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <Stack gap="xs" data-testid={testId}>
      <IdentityNotice shown={result.identitiesShown} />
      <Text size="sm" c="gray.7" aria-live="polite">
        {t('common.resultCount', { total: formatNumber(result.items.length, language) })}
      </Text>
      {result.items.length === 0 ? (
        <Paper withBorder p="md" radius="md">
          <Text ta="center" c="gray.7" size="sm">
            {t('children.search.noMatch')}
          </Text>
        </Paper>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {result.items.map((match) => {
            const child = match.child;
            const details = [
              sexLabel(t, child.sex),
              ageBandLabel(t, child.ageBand),
              child.birthYear ? t('children.bornIn', { year: child.birthYear }) : null,
            ].filter(Boolean);
            return (
              <li key={child.id}>
                <Paper withBorder p="sm" radius="md" data-testid={rowTestId(match)}>
                  <Stack gap={6}>
                    <Group justify="space-between" gap="xs" wrap="wrap">
                      <Group gap="xs">
                        <Text fw={700} className="madar-mono" data-testid="child-code">
                          {child.code}
                        </Text>
                        {match.score < 1 || match.matched.includes('name') ? (
                          <Badge variant="light" color="blue" tt="none">
                            {t('children.search.score', { score: formatPercent(match.score, language) })}
                          </Badge>
                        ) : null}
                      </Group>
                      {match.openCaseId ? (
                        <Anchor
                          component={Link}
                          to={`/cases/${match.openCaseId}`}
                          size="sm"
                          display="inline-flex"
                          style={{ alignItems: 'center', gap: 4 }}
                          data-testid="child-open-case-link"
                        >
                          <IconFolderOpen size={16} aria-hidden="true" />
                          {t('children.openCase')}
                        </Anchor>
                      ) : (
                        <Text size="sm" c="gray.7">
                          {t('children.noOpenCase')}
                        </Text>
                      )}
                    </Group>
                    <MatchNames match={match} />
                    {match.identity?.fatherName || match.identity?.motherName ? (
                      <Text size="xs" c="gray.7">
                        {t('children.parents', {
                          father: match.identity.fatherName ?? '—',
                          mother: match.identity.motherName ?? '—',
                        })}
                      </Text>
                    ) : null}
                    <Text size="sm" c="gray.8">
                      {details.join(' · ')}
                    </Text>
                    {action ? <div>{action(match)}</div> : null}
                  </Stack>
                </Paper>
              </li>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
