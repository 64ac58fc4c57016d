export { nameKeys, queryKeys, typoQueryKeys } from './keys';
export { normalizeArabic, normalizeLatin, normalizeName } from './normalize';
export {
  MATCH_THRESHOLD,
  type PreparedName,
  preparedSimilarity,
  prepareName,
  similarity,
} from './similarity';
export { isArabicToken, MAX_VARIANTS, skeleton, skeletonVariants } from './skeleton';
export { type ArticleKind, analyseName, type NameToken, tokenize } from './tokenize';
