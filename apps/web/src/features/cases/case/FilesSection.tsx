import { type CaseRecord, CHILD_FILES, type ChildFile } from '@madar/domain';
import {
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconNote, IconPaperclip } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../../app/api';
import { Loading } from '../../../app/components/Loading';
import { ProblemAlert } from '../../../app/components/ProblemAlert';
import { formatDateTime } from '../../../app/format';
import {
  type CaseDetail,
  type CasePermission,
  can,
  documentUrl,
  useAddNote,
  useChildFile,
  useUploadDocument,
} from '../api';
import classes from './case.module.css';
import { DocumentDownload, DocumentUploadForm, isUploadField } from './DocumentUpload';
import { alertError } from './forms';
import { useLanguage } from './labels';

const READ: Record<ChildFile, CasePermission> = {
  judicial: 'readJudicialFile',
  medical: 'readMedicalFile',
  social: 'readSocialFile',
};

/**
 * Who may add to a file. The case's permissions carry no write flag per file: the judicial and
 * social files are written by the caseworkers (`update`), the medical file by those who may read it
 * (the assigned social worker and the coordinator), as the server's policy says.
 */
function mayWrite(detail: CaseDetail, file: ChildFile): boolean {
  if (detail.closedAt !== null) return false;
  return file === 'medical' ? can(detail, 'readMedicalFile') : can(detail, 'update');
}

export function readableFiles(detail: CaseDetail): ChildFile[] {
  return CHILD_FILES.filter((f) => can(detail, READ[f]));
}

function NoteForm({ caseId, file }: { caseId: string; file: ChildFile }) {
  const { t } = useTranslation();
  const add = useAddNote(caseId, file);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = t('validation.required');
    if (!body.trim()) local.body = t('validation.required');
    setErrors(local);
    if (Object.keys(local).length) return;
    add.mutate(
      { title: title.trim(), body: body.trim() },
      {
        onSuccess: () => {
          setTitle('');
          setBody('');
          notifications.show({ color: 'teal', message: t('casePage.files.noteAdded') });
        },
        onError: (error) => setErrors(fieldErrorsOf(error)),
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`note-title-${file}`}>
      <Title order={2} size="h5" mb="sm" id={`note-title-${file}`}>
        <Group gap={6} component="span">
          <IconNote size={18} aria-hidden="true" />
          {t('casePage.files.addNote')}
        </Group>
      </Title>
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <ProblemAlert error={alertError(add.error, (p) => p === 'title' || p === 'body')} />
          <TextInput
            label={t('casePage.files.title')}
            maxLength={200}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            data-testid="note-title"
          />
          <Textarea
            label={t('casePage.files.body')}
            autosize
            minRows={4}
            maxLength={20_000}
            required
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={errors.body}
            data-testid="note-body"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending} data-testid="note-submit">
              {t('casePage.files.saveNote')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function DocumentForm({ caseId, file }: { caseId: string; file: ChildFile }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState(0);
  const upload = useUploadDocument(caseId, file, setProgress);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`document-title-${file}`}>
      <Title order={2} size="h5" mb="sm" id={`document-title-${file}`}>
        <Group gap={6} component="span">
          <IconPaperclip size={18} aria-hidden="true" />
          {t('casePage.files.addDocument')}
        </Group>
      </Title>
      <DocumentUploadForm
        upload={upload}
        progress={progress}
        onStart={() => setProgress(0)}
        problem={<ProblemAlert error={alertError(upload.error, isUploadField)} testId="document-error" />}
        testIds={{
          type: 'document-type',
          title: 'document-title',
          fileButton: 'document-upload-button',
          file: 'document-upload',
          submit: 'document-submit',
        }}
      />
    </Paper>
  );
}

function RecordItem({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Paper component="li" withBorder radius="sm" p="sm" data-testid={`record-${record.id}`}>
      <Group justify="space-between" gap="xs" align="flex-start">
        <Group gap={6} wrap="nowrap" miw={0}>
          {record.kind === 'note' ? (
            <IconNote size={18} aria-hidden="true" />
          ) : (
            <IconPaperclip size={18} aria-hidden="true" />
          )}
          <Text fw={700} size="sm">
            {record.title}
          </Text>
        </Group>
        <Badge variant="light" color={record.kind === 'note' ? 'gray' : 'blue'} size="sm">
          {record.kind === 'note'
            ? t('casePage.files.note')
            : t(`casePage.files.type.${record.documentType ?? 'other'}`)}
        </Badge>
      </Group>
      <Text size="xs" c="gray.7" mt={2}>
        {formatDateTime(record.createdAt, language)} · {record.createdByName}
      </Text>
      {record.body ? (
        <Text size="sm" mt={6} className={classes.quote} dir="auto">
          {record.body}
        </Text>
      ) : null}
      {record.kind === 'document' ? (
        <DocumentDownload
          href={documentUrl(record.id)}
          contentType={record.contentType}
          sizeBytes={record.sizeBytes}
          testId={`document-download-${record.id}`}
        />
      ) : null}
    </Paper>
  );
}

function FileContent({ detail, file }: { detail: CaseDetail; file: ChildFile }) {
  const { t } = useTranslation();
  const content = useChildFile(detail.id, file, true);
  const items = [...(content.data?.items ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const writable = mayWrite(detail, file);
  return (
    <Stack gap="md">
      <Text size="xs" c="gray.7">
        {t('casePage.files.recorded')}
      </Text>
      {writable ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <NoteForm caseId={detail.id} file={file} />
          <DocumentForm caseId={detail.id} file={file} />
        </SimpleGrid>
      ) : null}
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`records-${file}`}>
        <Title order={2} size="h5" mb="sm" id={`records-${file}`}>
          {t('casePage.files.contents', { file: t(`casePage.files.names.${file}`) })}
        </Title>
        {content.isPending ? <Loading /> : null}
        <ProblemAlert error={content.error} onRetry={() => void content.refetch()} />
        {content.data && items.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('casePage.files.empty')}
          </Text>
        ) : null}
        <Stack
          gap="sm"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          data-testid={`file-records-${file}`}
        >
          {items.map((r) => (
            <RecordItem key={r.id} record={r} />
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}

/** The child's three files, each with its own access rule: only those the user may read are offered. */
export function FilesSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const files = readableFiles(detail);
  // No file opens by itself: opening one is a logged view, so it is the user's choice.
  const [file, setFile] = useState<ChildFile | null>(null);
  if (files.length === 0) {
    return (
      <Text size="sm" c="gray.7">
        {t('casePage.files.none')}
      </Text>
    );
  }
  return (
    <Tabs value={file} onChange={(v) => v && setFile(v as ChildFile)} variant="pills" keepMounted={false}>
      <Tabs.List mb="md" aria-label={t('casePage.files.choose')}>
        {files.map((f) => (
          <Tabs.Tab key={f} value={f} data-testid={`file-${f}`}>
            {t(`casePage.files.names.${f}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {file === null ? (
        <Text size="sm" c="gray.8" data-testid="file-choose">
          {t('casePage.files.chooseOne')}
        </Text>
      ) : null}
      {files.map((f) => (
        <Tabs.Panel key={f} value={f}>
          <FileContent detail={detail} file={f} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
