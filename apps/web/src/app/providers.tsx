import { directionOf } from '@madar/domain';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { currentLanguage, i18n } from '../i18n';
import { useLanguageEffects } from './language';
import { createQueryClient } from './queries';
import { theme } from './theme';

function LanguageEffects() {
  useLanguageEffects();
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <DirectionProvider initialDirection={directionOf(currentLanguage())} detectDirection={false}>
          <MantineProvider theme={theme} defaultColorScheme="light">
            <Notifications position="top-center" />
            <LanguageEffects />
            {children}
          </MantineProvider>
        </DirectionProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
