import { directionOf, LANGUAGES, type Language } from '@madar/domain';
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from '../language';

/** Each language is named in itself, so anyone can find theirs. */
const NATIVE_NAMES: Record<Language, string> = { ar: 'عربي', fr: 'Français', en: 'English' };

export function LanguageSwitcher({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <Group
      gap={4}
      role="group"
      aria-label={t('language.label')}
      data-testid="language-switcher"
      wrap="nowrap"
    >
      {LANGUAGES.map((lng) => {
        const selected = i18n.language === lng;
        return (
          <Button
            key={lng}
            size={compact ? 'compact-xs' : 'compact-sm'}
            variant={selected ? 'filled' : 'subtle'}
            aria-pressed={selected}
            lang={lng}
            dir={directionOf(lng)}
            onClick={() => void changeLanguage(lng)}
            data-testid={`language-${lng}`}
          >
            {NATIVE_NAMES[lng]}
          </Button>
        );
      })}
    </Group>
  );
}
