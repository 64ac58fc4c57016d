import type { ProtocolRuleValues, ProtocolStage } from '@madar/domain';
import { Button, Group, NumberInput, Select, SimpleGrid, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { ProtocolLabels } from './labels';
import type { RuleRow } from './RuleGroups';

interface FormValues {
  stage: string;
  harmForm: string | null;
  situation: string | null;
  serviceCode: string | null;
  sectorCode: string | null;
  maxDelayDays: number | string;
}

/** The identity of a rule on the server: one service per stage, form of harm and situation. */
export function ruleIdentity(
  r: Pick<ProtocolRuleValues, 'stage' | 'harmForm' | 'situation' | 'serviceCode'>,
) {
  return [r.stage, r.harmForm, r.situation, r.serviceCode].join('|');
}

/**
 * One rule of the protocol, added or changed in the draft (saved with the whole set). The server's
 * messages on this row are shown on its fields until the user changes them.
 */
export function RuleForm({
  rule,
  stage,
  others,
  serverErrors,
  labels,
  defaultDelay,
  onSubmit,
  onCancel,
}: {
  rule: RuleRow | null;
  stage: ProtocolStage;
  /** The other rules of the draft: two rules cannot name the same service for the same case. */
  others: readonly RuleRow[];
  serverErrors: Record<string, string> | undefined;
  labels: ProtocolLabels;
  defaultDelay: (stage: ProtocolStage) => number;
  onSubmit: (values: ProtocolRuleValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<FormValues>({
    initialValues: {
      stage: rule?.stage ?? stage,
      harmForm: rule?.harmForm ?? null,
      situation: rule?.situation ?? null,
      serviceCode: rule?.serviceCode ?? null,
      sectorCode: rule?.sectorCode ?? null,
      maxDelayDays: rule?.maxDelayDays ?? defaultDelay(stage),
    },
    initialErrors: serverErrors ?? {},
    validate: {
      serviceCode: (value, values) => {
        if (!value) return t('protocol.required');
        const identity = ruleIdentity({
          stage: values.stage as ProtocolStage,
          harmForm: values.harmForm,
          situation: values.situation,
          serviceCode: value,
        });
        return others.some((o) => ruleIdentity(o) === identity) ? t('protocol.duplicate') : null;
      },
      sectorCode: (value) => (value ? null : t('protocol.required')),
      maxDelayDays: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 365
          ? null
          : t('protocol.delayRange'),
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        onSubmit({
          stage: values.stage as ProtocolStage,
          harmForm: values.harmForm,
          situation: values.situation,
          serviceCode: values.serviceCode!,
          sectorCode: values.sectorCode!,
          maxDelayDays: Number(values.maxDelayDays),
        }),
      )}
      data-testid="protocol-rule-form"
    >
      <Stack gap="sm">
        <Select
          label={t('protocol.stage')}
          data={labels.stageOptions}
          allowDeselect={false}
          withAsterisk
          {...form.getInputProps('stage')}
          onChange={(value) => {
            if (!value) return;
            // The stage's usual delay follows the stage unless the user typed another one.
            if (form.values.maxDelayDays === defaultDelay(form.values.stage as ProtocolStage)) {
              form.setFieldValue('maxDelayDays', defaultDelay(value as ProtocolStage));
            }
            form.setFieldValue('stage', value);
          }}
          data-testid="protocol-rule-stage"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('protocol.harmForm')}
            description={t('protocol.anyHelp')}
            placeholder={t('protocol.anyHarmForm')}
            data={labels.harmFormOptions}
            searchable
            clearable
            nothingFoundMessage={t('common.noResults')}
            {...form.getInputProps('harmForm')}
            data-testid="protocol-rule-harm"
          />
          <Select
            label={t('protocol.situation')}
            description={t('protocol.anyHelp')}
            placeholder={t('protocol.anySituation')}
            data={labels.situationOptions}
            searchable
            clearable
            nothingFoundMessage={t('common.noResults')}
            {...form.getInputProps('situation')}
            data-testid="protocol-rule-situation"
          />
        </SimpleGrid>
        <Select
          label={t('protocol.service')}
          data={labels.serviceOptions}
          searchable
          withAsterisk
          nothingFoundMessage={t('common.noResults')}
          {...form.getInputProps('serviceCode')}
          onChange={(value) => {
            form.setFieldValue('serviceCode', value);
            // The basket names the sector that usually delivers the service: it follows the service
            // unless the user chose another one.
            const sector = value ? labels.serviceSector(value) : null;
            const previous = form.values.serviceCode ? labels.serviceSector(form.values.serviceCode) : null;
            if (sector && (!form.values.sectorCode || form.values.sectorCode === previous)) {
              form.setFieldValue('sectorCode', sector);
            }
          }}
          data-testid="protocol-rule-service"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('protocol.sector')}
            data={labels.sectorOptions}
            searchable
            withAsterisk
            nothingFoundMessage={t('common.noResults')}
            {...form.getInputProps('sectorCode')}
            data-testid="protocol-rule-sector"
          />
          <NumberInput
            label={t('protocol.maxDelayDays')}
            min={1}
            max={365}
            step={1}
            allowDecimal={false}
            allowNegative={false}
            withAsterisk
            {...form.getInputProps('maxDelayDays')}
            data-testid="protocol-rule-delay"
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onCancel} data-testid="protocol-rule-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid="protocol-rule-submit">
            {rule ? t('protocol.applyChange') : t('protocol.addRule')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
