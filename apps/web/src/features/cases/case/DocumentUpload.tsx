import {
  DOCUMENT_CONTENT_TYPES,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TYPES,
  type DocumentType,
  type Language,
} from '@madar/domain';
import {
  Anchor,
  Button,
  type ButtonVariant,
  FileInput,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileText } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type ComponentProps, type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../../app/api';
import { formatNumber } from '../../../app/format';
import type { DocumentUpload } from '../api';
import { useLanguage } from './labels';

/**
 * A document joined to a child's file or to a referral card: the same rules both ways (PDF, JPEG,
 * PNG or WebP of at most 10 MiB, checked here first and by the server, which reads the file's real
 * type), the same form and the same download link.
 */

const ACCEPT = DOCUMENT_CONTENT_TYPES.join(',');

/** The paths the upload form shows on its own inputs; an alert above it says any other problem. */
export const isUploadField = (path: string) => ['documentType', 'title', 'file'].includes(path);

export function documentSizeText(bytes: number, language: Language, t: TFunction): string {
  if (bytes >= 1024 * 1024)
    return t('casePage.files.sizeMiB', {
      n: formatNumber(Math.round((bytes / 1048576) * 10) / 10, language),
    });
  return t('casePage.files.sizeKiB', { n: formatNumber(Math.max(1, Math.round(bytes / 1024)), language) });
}

/** What the form needs of the upload mutation (a case document's or a card attachment's). */
interface UploadMutation {
  mutate: (
    upload: DocumentUpload,
    options: { onSuccess: () => void; onError: (error: unknown) => void },
  ) => void;
  isPending: boolean;
}

/** The test ids of the form's parts, as each page's browser tests know them. */
interface UploadTestIds {
  form?: string;
  type: string;
  title: string;
  fileButton: string;
  file: string;
  submit: string;
}

export function DocumentUploadForm({
  upload,
  progress,
  onStart,
  defaultType = null,
  heading,
  problem,
  labelledBy,
  sideBySide = false,
  submitVariant,
  testIds,
}: {
  upload: UploadMutation;
  /** The upload's progress (0 to 1), as the mutation reports it. */
  progress: number;
  /** Called as an upload starts, to set the progress back to 0. */
  onStart: () => void;
  defaultType?: DocumentType | null;
  heading?: ReactNode;
  /** The alert for the upload's error (which knows how to offer a reload where there is one). */
  problem: ReactNode;
  labelledBy?: string;
  /** Type and title on one row from small screens up (where the form has the width). */
  sideBySide?: boolean;
  submitVariant?: ButtonVariant;
  testIds: UploadTestIds;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [documentType, setDocumentType] = useState<DocumentType | null>(defaultType);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The form may sit inside a panel of a larger form (completing a card): its submit ends here.
    event.stopPropagation();
    const local: Record<string, string> = {};
    if (!documentType) local.documentType = t('validation.required');
    if (!title.trim()) local.title = t('validation.required');
    if (!chosen) local.file = t('casePage.files.chooseFile');
    else if (chosen.size > DOCUMENT_MAX_BYTES) local.file = t('casePage.files.tooLarge');
    else if (chosen.size === 0) local.file = t('casePage.files.emptyFile');
    else if (chosen.type && !(DOCUMENT_CONTENT_TYPES as readonly string[]).includes(chosen.type))
      local.file = t('casePage.files.wrongType');
    setErrors(local);
    if (Object.keys(local).length || !documentType || !chosen) return;
    onStart();
    upload.mutate(
      { documentType, title: title.trim(), file: chosen },
      {
        onSuccess: () => {
          setTitle('');
          setChosen(null);
          setDocumentType(defaultType);
          notifications.show({ color: 'teal', message: t('casePage.files.documentAdded') });
        },
        onError: (error) => setErrors(fieldErrorsOf(error)),
      },
    );
  };

  const typeAndTitle = (
    <>
      <Select
        label={t('casePage.files.documentType')}
        data={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`casePage.files.type.${d}`) }))}
        value={documentType}
        onChange={(v) => setDocumentType(v as DocumentType | null)}
        required
        error={errors.documentType}
        data-testid={testIds.type}
      />
      <TextInput
        label={t('casePage.files.title')}
        maxLength={200}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={errors.title}
        data-testid={testIds.title}
      />
    </>
  );

  return (
    <form noValidate onSubmit={submit} aria-labelledby={labelledBy} data-testid={testIds.form}>
      <Stack gap="sm">
        {heading}
        {problem}
        {sideBySide ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {typeAndTitle}
          </SimpleGrid>
        ) : (
          typeAndTitle
        )}
        <FileInput
          label={t('casePage.files.file')}
          description={t('casePage.files.fileHelp')}
          accept={ACCEPT}
          clearable
          required
          value={chosen}
          onChange={setChosen}
          error={errors.file}
          leftSection={<IconFileText size={16} aria-hidden="true" />}
          data-testid={testIds.fileButton}
          fileInputProps={{ 'data-testid': testIds.file } as ComponentProps<'input'>}
        />
        {chosen ? (
          <Text size="xs" c="gray.7">
            {documentSizeText(chosen.size, language, t)}
          </Text>
        ) : null}
        {upload.isPending ? (
          <Stack gap={2} aria-live="polite">
            <Progress value={progress * 100} animated aria-label={t('casePage.files.uploading')} />
            <Text size="xs" c="gray.7">
              {t('casePage.files.uploadingPercent', {
                n: formatNumber(Math.round(progress * 100), language),
              })}
            </Text>
          </Stack>
        ) : null}
        <Group justify="flex-end">
          <Button
            type="submit"
            variant={submitVariant}
            loading={upload.isPending}
            data-testid={testIds.submit}
          >
            {t('casePage.files.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A stored document's download link, with its format and size; the server logs each download. */
export function DocumentDownload({
  href,
  contentType,
  sizeBytes,
  testId,
}: {
  href: string;
  contentType: string | null;
  sizeBytes: number | null;
  testId: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Group gap="xs" mt={6}>
      <Anchor
        href={href}
        download
        size="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
        data-testid={testId}
      >
        <IconDownload size={16} aria-hidden="true" />
        {t('casePage.files.download')}
      </Anchor>
      <Text size="xs" c="gray.7">
        {contentType === 'application/pdf' ? 'PDF' : (contentType ?? '').replace('image/', '').toUpperCase()}
        {sizeBytes ? ` · ${documentSizeText(sizeBytes, language, t)}` : ''}
      </Text>
    </Group>
  );
}
