import { Anchor, Stack, Tabs } from '@mantine/core';
import {
  IconChartLine,
  IconEye,
  IconFolders,
  IconGauge,
  IconId,
  IconListCheck,
  IconMessageCircle,
  type IconProps,
  IconRoute,
  IconTimeline,
} from '@tabler/icons-react';
import { type ComponentType, type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { Loading } from '../../app/components/Loading';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { useDocumentTitle } from '../../app/title';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { type CaseDetail, can, useCase } from './api';
import { AccessLogSection } from './case/AccessLogSection';
import { AssessmentSection } from './case/AssessmentSection';
import { CaseHeader } from './case/CaseHeader';
import { CircuitSection } from './case/CircuitSection';
import classes from './case/case.module.css';
import { EvaluationSection } from './case/EvaluationSection';
import { FilesSection, readableFiles } from './case/FilesSection';
import { FollowUpSection } from './case/FollowUpSection';
import { IdentitySection } from './case/IdentitySection';
import { PlanSection } from './case/PlanSection';
import { TimelineSection } from './case/TimelineSection';

type Section =
  | 'circuit'
  | 'identity'
  | 'assessment'
  | 'plan'
  | 'followups'
  | 'evaluations'
  | 'files'
  | 'timeline'
  | 'access-log';

interface SectionDef {
  key: Section;
  icon: ComponentType<IconProps>;
  render: (detail: CaseDetail) => ReactNode;
  visible?: (detail: CaseDetail) => boolean;
}

const SECTIONS: readonly SectionDef[] = [
  { key: 'circuit', icon: IconRoute, render: (d) => <CircuitSection detail={d} /> },
  { key: 'identity', icon: IconId, render: (d) => <IdentitySection detail={d} /> },
  { key: 'assessment', icon: IconGauge, render: (d) => <AssessmentSection detail={d} /> },
  { key: 'plan', icon: IconListCheck, render: (d) => <PlanSection detail={d} /> },
  { key: 'followups', icon: IconMessageCircle, render: (d) => <FollowUpSection detail={d} /> },
  { key: 'evaluations', icon: IconChartLine, render: (d) => <EvaluationSection detail={d} /> },
  {
    key: 'files',
    icon: IconFolders,
    render: (d) => <FilesSection detail={d} />,
    visible: (d) => readableFiles(d).length > 0,
  },
  { key: 'timeline', icon: IconTimeline, render: (d) => <TimelineSection detail={d} /> },
  {
    key: 'access-log',
    icon: IconEye,
    render: (d) => <AccessLogSection detail={d} />,
    visible: (d) => can(d, 'readAccessLog'),
  },
];

/**
 * The sections of the case, as tabs: one row that scrolls sideways on a phone. Only the open
 * section is mounted, so reading a file or the follow-up cards (both logged views) happens only
 * when the user opens them. The section is kept in the URL (`?section=plan`) — never personal data.
 */
function CaseSections({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const sections = SECTIONS.filter((s) => !s.visible || s.visible(detail));
  const asked = params.get('section');
  const active = sections.find((s) => s.key === asked)?.key ?? 'circuit';
  const listRef = useRef<HTMLDivElement>(null);

  // Bring the active tab into view in the scrolling row (a deep link may open a tab off-screen).
  useEffect(() => {
    const tab = listRef.current?.querySelector<HTMLElement>(`[data-testid="tab-${active}"]`);
    tab?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);

  return (
    <Tabs
      value={active}
      onChange={(value) => {
        if (!value) return;
        const next = new URLSearchParams(params);
        next.set('section', value);
        setParams(next, { replace: true });
      }}
      keepMounted={false}
      variant="outline"
    >
      <Tabs.List ref={listRef} className={classes.tabList} aria-label={t('casePage.sections')}>
        {sections.map(({ key, icon: Icon }) => (
          <Tabs.Tab
            key={key}
            value={key}
            leftSection={<Icon size={16} aria-hidden="true" />}
            data-testid={`tab-${key}`}
          >
            {t(`casePage.tabs.${key}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {sections.map((s) => (
        <Tabs.Panel key={s.key} value={s.key} pt="md" data-testid={`section-${s.key}`}>
          {s.render(detail)}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

/** The child's case page (/cases/:id): the CAPE's work on one child, from report to closure. */
export function CasePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useCase(id);
  useDocumentTitle(
    query.data ? t('casePage.documentTitle', { code: query.data.child.code }) : t('casePage.title'),
  );

  if (query.isPending) return <Loading />;
  if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400))
    return <NotFoundPage />;
  if (query.error instanceof ApiError && query.error.status === 403) return <ForbiddenPage />;
  if (!query.data) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const detail = query.data;

  return (
    <Stack gap="md" data-testid="case-page" data-case-id={detail.id} data-version={detail.version}>
      <Anchor
        component={Link}
        to="/cases"
        size="sm"
        style={{ alignSelf: 'flex-start' }}
        data-testid="case-back"
      >
        {t('casePage.back')}
      </Anchor>
      <CaseHeader detail={detail} />
      <CaseSections detail={detail} />
    </Stack>
  );
}
