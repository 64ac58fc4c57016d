import { directionOf } from '@madar/domain';
import { DirectionProvider, MantineProvider, mergeThemeOverrides, Notification } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { currentLanguage, i18n } from '../i18n';
import { useLanguageEffects } from './language';
import { createQueryClient } from './queries';
import { theme } from './theme';

function LanguageEffects() {
  useLanguageEffects();
  return null;
}

/** Mantine with the labels it shows itself (a notification's close button) in the user's language. */
function LocalisedMantine({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const localised = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Notification: Notification.extend({
            defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } },
          }),
        },
      }),
    [t],
  );
  return (
    <MantineProvider theme={localised} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <DirectionProvider initialDirection={directionOf(currentLanguage())} detectDirection={false}>
          <LocalisedMantine>
            <Notifications position="top-center" />
            <LanguageEffects />
            {children}
          </LocalisedMantine>
        </DirectionProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
