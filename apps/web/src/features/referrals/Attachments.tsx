import {
  DOCUMENT_CONTENT_TYPES,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TYPES,
  type DocumentType,
  type Language,
  type ReferralAttachment,
  type ReferralCard,
} from '@madar/domain';
import {
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileText, IconPaperclip } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type ComponentProps, type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/api';
import { formatDateTime, formatNumber } from '../../app/format';
import { useLanguage } from '../cases/case/labels';
import { attachmentUrl, useUploadAttachment } from './api';
import { CardProblem } from './CardProblem';

const ACCEPT = DOCUMENT_CONTENT_TYPES.join(',');

function sizeText(bytes: number, language: Language, t: TFunction) {
  if (bytes >= 1024 * 1024)
    return t('casePage.files.sizeMiB', {
      n: formatNumber(Math.round((bytes / 1048576) * 10) / 10, language),
    });
  return t('casePage.files.sizeKiB', { n: formatNumber(Math.max(1, Math.round(bytes / 1024)), language) });
}

/**
 * Joining a document to a card (either side, while the card is open): PDF, JPEG, PNG or WebP of at
 * most 10 MiB, checked here first and by the server (which reads the file's real type).
 */
export function AttachmentForm({
  card,
  defaultType = null,
  testPrefix = 'attachment',
}: {
  card: ReferralCard;
  defaultType?: DocumentType | null;
  testPrefix?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = useId();
  const [progress, setProgress] = useState(0);
  const upload = useUploadAttachment(card.id, setProgress);
  const [documentType, setDocumentType] = useState<DocumentType | null>(defaultType);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
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
    setProgress(0);
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

  return (
    <form noValidate onSubmit={submit} aria-labelledby={titleId} data-testid={`${testPrefix}-form`}>
      <Stack gap="sm">
        <Text fw={700} size="sm" id={titleId}>
          <IconPaperclip size={16} aria-hidden="true" style={{ verticalAlign: 'middle' }} />{' '}
          {t('referrals.attachments.add')}
        </Text>
        <CardProblem
          error={upload.error}
          cardId={card.id}
          onReloaded={() => upload.reset()}
          shown={(p) => ['documentType', 'title', 'file'].includes(p)}
          testId={`${testPrefix}-error`}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('casePage.files.documentType')}
            data={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`casePage.files.type.${d}`) }))}
            value={documentType}
            onChange={(v) => setDocumentType(v as DocumentType | null)}
            required
            error={errors.documentType}
            data-testid={`${testPrefix}-type`}
          />
          <TextInput
            label={t('casePage.files.title')}
            maxLength={200}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            data-testid={`${testPrefix}-title`}
          />
        </SimpleGrid>
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
          data-testid={`${testPrefix}-file-button`}
          fileInputProps={{ 'data-testid': `${testPrefix}-file` } as ComponentProps<'input'>}
        />
        {chosen ? (
          <Text size="xs" c="gray.7">
            {sizeText(chosen.size, language, t)}
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
            variant="light"
            loading={upload.isPending}
            data-testid={`${testPrefix}-submit`}
          >
            {t('casePage.files.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AttachmentItem({ attachment }: { attachment: ReferralAttachment }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Paper component="li" withBorder radius="sm" p="sm" data-testid={`attachment-${attachment.id}`}>
      <Group justify="space-between" gap="xs" align="flex-start">
        <Text fw={700} size="sm" dir="auto">
          {attachment.title}
        </Text>
        <Badge variant="light" color="blue" size="sm" tt="none">
          {t(`casePage.files.type.${attachment.documentType}`)}
        </Badge>
      </Group>
      <Text size="xs" c="gray.7" mt={2}>
        {formatDateTime(attachment.createdAt, language)} · {attachment.uploadedByName} (
        {t(`referrals.side.${attachment.side}`)})
      </Text>
      <Group gap="xs" mt={6}>
        <Anchor
          href={attachmentUrl(attachment.id)}
          download
          size="sm"
          display="inline-flex"
          style={{ alignItems: 'center', gap: 4 }}
          data-testid={`attachment-download-${attachment.id}`}
        >
          <IconDownload size={16} aria-hidden="true" />
          {t('casePage.files.download')}
        </Anchor>
        <Text size="xs" c="gray.7">
          {attachment.contentType === 'application/pdf'
            ? 'PDF'
            : attachment.contentType.replace('image/', '').toUpperCase()}
          {` · ${sizeText(attachment.sizeBytes, language, t)}`}
        </Text>
      </Group>
    </Paper>
  );
}

/** The card's documents, from both sides; each download is recorded in the child's access log. */
export function Attachments({ card }: { card: ReferralCard }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-attachments-title">
      <Title order={2} size="h4" id="referral-attachments-title" mb={4}>
        {t('referrals.attachments.title')}
      </Title>
      <Text size="xs" c="gray.7" mb="sm">
        {t('referrals.attachments.logged')}
      </Text>
      {card.attachments.length === 0 ? (
        <Text size="sm" c="gray.7" mb="sm">
          {t('referrals.attachments.empty')}
        </Text>
      ) : null}
      <Stack
        gap="xs"
        component="ul"
        p={0}
        m={0}
        mb="md"
        style={{ listStyle: 'none' }}
        data-testid="referral-attachments"
      >
        {card.attachments.map((a) => (
          <AttachmentItem key={a.id} attachment={a} />
        ))}
      </Stack>
      {card.permissions.attach ? <AttachmentForm card={card} /> : null}
    </Paper>
  );
}
