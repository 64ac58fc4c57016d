import type { DocumentType, ReferralAttachment, ReferralCard } from '@madar/domain';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { DocumentDownload, DocumentUploadForm, isUploadField } from '../cases/case/DocumentUpload';
import { useLanguage } from '../cases/case/labels';
import { attachmentUrl, useUploadAttachment } from './api';
import { CardProblem } from './CardProblem';

/** Joining a document to a card (either side, while the card is open). */
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
  const titleId = useId();
  const [progress, setProgress] = useState(0);
  const upload = useUploadAttachment(card.id, setProgress);
  return (
    <DocumentUploadForm
      upload={upload}
      progress={progress}
      onStart={() => setProgress(0)}
      defaultType={defaultType}
      labelledBy={titleId}
      sideBySide
      submitVariant="light"
      heading={
        <Text fw={700} size="sm" id={titleId}>
          <IconPaperclip size={16} aria-hidden="true" style={{ verticalAlign: 'middle' }} />{' '}
          {t('referrals.attachments.add')}
        </Text>
      }
      problem={
        <CardProblem
          error={upload.error}
          cardId={card.id}
          onReloaded={() => upload.reset()}
          shown={isUploadField}
          testId={`${testPrefix}-error`}
        />
      }
      testIds={{
        form: `${testPrefix}-form`,
        type: `${testPrefix}-type`,
        title: `${testPrefix}-title`,
        fileButton: `${testPrefix}-file-button`,
        file: `${testPrefix}-file`,
        submit: `${testPrefix}-submit`,
      }}
    />
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
      <DocumentDownload
        href={attachmentUrl(attachment.id)}
        contentType={attachment.contentType}
        sizeBytes={attachment.sizeBytes}
        testId={`attachment-download-${attachment.id}`}
      />
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
