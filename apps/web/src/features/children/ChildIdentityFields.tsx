import { type ChildIdentity, phoneSchema } from '@madar/domain';
import { SimpleGrid, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { casablancaToday } from '../reports/datetime';
import type { Sex } from './api';
import { SexControl } from './SexControl';

/** The identity form's values: text fields as strings, empty when unknown. */
export interface IdentityValues {
  firstNameAr: string;
  lastNameAr: string;
  firstNameLatin: string;
  lastNameLatin: string;
  birthDate: string;
  birthDateEstimated: boolean;
  fatherName: string;
  motherName: string;
  birthRecordNumber: string;
  nationalId: string;
  address: string;
  phones: string[];
}

export interface ChildIdentityValues {
  sex: Sex;
  identity: IdentityValues;
}

export const emptyIdentity = (): IdentityValues => ({
  firstNameAr: '',
  lastNameAr: '',
  firstNameLatin: '',
  lastNameLatin: '',
  birthDate: '',
  birthDateEstimated: false,
  fatherName: '',
  motherName: '',
  birthRecordNumber: '',
  nationalId: '',
  address: '',
  phones: [],
});

/** The form's values of a stored identity (the inverse of `identityOf`). */
export function identityValuesOf(identity: ChildIdentity): IdentityValues {
  const text = (v: string | null) => v ?? '';
  return {
    firstNameAr: text(identity.firstNameAr),
    lastNameAr: text(identity.lastNameAr),
    firstNameLatin: text(identity.firstNameLatin),
    lastNameLatin: text(identity.lastNameLatin),
    birthDate: text(identity.birthDate),
    birthDateEstimated: identity.birthDateEstimated,
    fatherName: text(identity.fatherName),
    motherName: text(identity.motherName),
    birthRecordNumber: text(identity.birthRecordNumber),
    nationalId: text(identity.nationalId),
    address: text(identity.address),
    phones: [...identity.phones],
  };
}

const CNIE = /^[A-Z]{1,2}\d{3,7}$/;
const normalisePhone = (p: string) => p.replace(/[\s.-]+/g, '');

export function identityOf(values: IdentityValues): ChildIdentity {
  const text = (v: string) => v.trim() || null;
  return {
    firstNameAr: text(values.firstNameAr),
    lastNameAr: text(values.lastNameAr),
    firstNameLatin: text(values.firstNameLatin),
    lastNameLatin: text(values.lastNameLatin),
    birthDate: values.birthDate || null,
    birthDateEstimated: values.birthDate ? values.birthDateEstimated : false,
    fatherName: text(values.fatherName),
    motherName: text(values.motherName),
    birthRecordNumber: text(values.birthRecordNumber),
    nationalId: text(values.nationalId.toUpperCase().replace(/\s+/g, '')),
    address: text(values.address),
    phones: values.phones.map(normalisePhone).filter(Boolean),
  };
}

/** Client-side checks of the identity (the server checks them again, with the report's date). */
export function identityRules(t: TFunction) {
  return {
    firstNameAr: (v: string, values: ChildIdentityValues) =>
      v.trim() || values.identity.firstNameLatin.trim() ? null : t('children.identity.nameRequired'),
    birthDate: (v: string) => (v && v > casablancaToday() ? t('children.identity.birthInFuture') : null),
    nationalId: (v: string) =>
      !v.trim() || CNIE.test(v.toUpperCase().replace(/\s+/g, '')) ? null : t('children.identity.cnieFormat'),
    phones: (v: string[]) =>
      v.every((p) => phoneSchema.safeParse(normalisePhone(p)).success) ? null : t('validation.phone'),
  };
}

/** Server field paths (`identity.phones.1`) folded onto the inputs (`identity.phones`). */
export function foldIdentityErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const folded = path.replace(/^(identity\.phones)\.\d+$/, '$1');
    out[folded] ??= message;
  }
  return out;
}

/**
 * The child's identity: names in Arabic and Latin script (as on the civil-status record), birth
 * date (possibly estimated), parents, numbers, address and phones. Encrypted by the server.
 */
export function ChildIdentityFields<T extends ChildIdentityValues>({ form }: { form: UseFormReturnType<T> }) {
  const { t } = useTranslation();
  const f = form as unknown as UseFormReturnType<ChildIdentityValues>;
  const values = f.values;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('children.identity.firstNameAr')}
          dir="rtl"
          lang="ar"
          autoComplete="off"
          data-testid="identity-first-name-ar"
          {...f.getInputProps('identity.firstNameAr')}
        />
        <TextInput
          label={t('children.identity.lastNameAr')}
          dir="rtl"
          lang="ar"
          autoComplete="off"
          data-testid="identity-last-name-ar"
          {...f.getInputProps('identity.lastNameAr')}
        />
        <TextInput
          label={t('children.identity.firstNameLatin')}
          dir="ltr"
          lang="fr"
          autoComplete="off"
          data-testid="identity-first-name-latin"
          {...f.getInputProps('identity.firstNameLatin')}
        />
        <TextInput
          label={t('children.identity.lastNameLatin')}
          dir="ltr"
          lang="fr"
          autoComplete="off"
          data-testid="identity-last-name-latin"
          {...f.getInputProps('identity.lastNameLatin')}
        />
        <Stack gap={6}>
          <TextInput
            type="date"
            label={t('children.identity.birthDate')}
            dir="ltr"
            max={casablancaToday()}
            data-testid="identity-birth-date"
            {...f.getInputProps('identity.birthDate')}
          />
          <Switch
            label={t('children.identity.birthDateEstimated')}
            description={t('children.identity.birthDateEstimatedHelp')}
            disabled={!values.identity.birthDate}
            data-testid="identity-birth-date-estimated"
            {...f.getInputProps('identity.birthDateEstimated', { type: 'checkbox' })}
          />
        </Stack>
        <SexControl
          label={t('children.identity.sex')}
          value={values.sex}
          onChange={(v) => f.setFieldValue('sex', v)}
          testId="identity-sex"
        />
        <TextInput
          label={t('children.identity.fatherName')}
          autoComplete="off"
          data-testid="identity-father-name"
          {...f.getInputProps('identity.fatherName')}
        />
        <TextInput
          label={t('children.identity.motherName')}
          autoComplete="off"
          data-testid="identity-mother-name"
          {...f.getInputProps('identity.motherName')}
        />
        <TextInput
          label={t('children.identity.birthRecordNumber')}
          description={t('children.identity.birthRecordNumberHelp')}
          dir="ltr"
          autoComplete="off"
          data-testid="identity-birth-record"
          {...f.getInputProps('identity.birthRecordNumber')}
        />
        <TextInput
          label={t('children.identity.nationalId')}
          description={t('children.identity.nationalIdHelp')}
          dir="ltr"
          autoComplete="off"
          autoCapitalize="characters"
          placeholder="AB123456"
          data-testid="identity-national-id"
          {...f.getInputProps('identity.nationalId')}
        />
      </SimpleGrid>
      <TextInput
        label={t('children.identity.address')}
        autoComplete="off"
        data-testid="identity-address"
        {...f.getInputProps('identity.address')}
      />
      <TagsInput
        label={t('children.identity.phones')}
        description={t('children.identity.phonesHelp')}
        dir="ltr"
        maxTags={5}
        splitChars={[',', ';']}
        acceptValueOnBlur
        placeholder="06XXXXXXXX"
        data-testid="identity-phones"
        {...f.getInputProps('identity.phones')}
      />
    </Stack>
  );
}
