import { useSearchParams } from 'react-router';

/**
 * A list page's filters and page, kept in the URL (codes only), so that a link back finds the same
 * list. `update` sets values or clears them (null or ''), in place of the current history entry; any
 * change but the page's own goes back to the first page.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!('offset' in changes)) next.delete('offset');
        return next;
      },
      { replace: true },
    );
  return { params, offset, update };
}
