import { directionOf, type Language, preferencesInputSchema, sessionStateSchema } from '@madar/domain';
import { useDirection } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, i18n, storeLanguage } from '../i18n';
import { apiFetch } from './api';
import { queryKeys, useSession } from './queries';

export async function applyLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  if (currentLanguage() !== language || i18n.language !== language) await i18n.changeLanguage(language);
}

/**
 * Changes the interface language; when someone is signed in, the choice is saved on their account
 * (so it follows them to another device), otherwise in this browser only.
 */
export function useChangeLanguage() {
  const client = useQueryClient();
  const { data: session } = useSession();
  return async (language: Language) => {
    await applyLanguage(language);
    if (!session) return;
    try {
      const body = preferencesInputSchema.parse({ preferredLanguage: language });
      const state = await apiFetch('/me/preferences', sessionStateSchema, { method: 'PUT', body });
      client.setQueryData(queryKeys.session, state);
    } catch {
      // The language is changed on this device anyway; saving it is a convenience.
    }
  };
}

/** Keeps Mantine's direction in step with the language, and adopts the user's language on sign-in. */
export function useLanguageEffects(): void {
  const { i18n: instance } = useTranslation();
  const { setDirection } = useDirection();
  const language = instance.language as Language;
  useEffect(() => {
    setDirection(directionOf(language));
  }, [language, setDirection]);

  const { data: session } = useSession();
  const userId = session?.user.id;
  const preferred = session?.user.preferredLanguage;
  useEffect(() => {
    if (userId && preferred) void applyLanguage(preferred);
  }, [userId, preferred]);
}
