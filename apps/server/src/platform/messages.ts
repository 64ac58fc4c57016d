import type { Language } from '@madar/domain';

type Catalog = Record<string, Record<Language, string>>;

/**
 * Messages of the API's problem responses, in the user's language. The web app shows them as they
 * come; the code beside each one lets a client choose its own words.
 */
const problems: Catalog = {
  validation_failed: {
    ar: 'بعض المعطيات غير صحيحة. يرجى مراجعة الحقول المشار إليها.',
    fr: 'Certaines données sont invalides. Veuillez vérifier les champs indiqués.',
    en: 'Some data is invalid. Please check the fields indicated.',
  },
  malformed_body: {
    ar: 'تعذرت قراءة الطلب: صيغة المعطيات غير صحيحة.',
    fr: 'La requête est illisible : format de données invalide.',
    en: 'The request could not be read: malformed data.',
  },
  body_too_large: {
    ar: 'حجم الطلب يتجاوز الحد المسموح به.',
    fr: 'La requête dépasse la taille autorisée.',
    en: 'The request is larger than allowed.',
  },
  unsupported_media_type: {
    ar: 'نوع المحتوى غير مدعوم.',
    fr: 'Type de contenu non pris en charge.',
    en: 'Unsupported content type.',
  },
  unauthenticated: {
    ar: 'يجب تسجيل الدخول للمتابعة.',
    fr: 'Vous devez vous connecter pour continuer.',
    en: 'You must sign in to continue.',
  },
  session_expired: {
    ar: 'انتهت صلاحية الجلسة. يرجى تسجيل الدخول من جديد.',
    fr: 'Votre session a expiré. Veuillez vous reconnecter.',
    en: 'Your session has expired. Please sign in again.',
  },
  step_required: {
    ar: 'يجب إتمام خطوة تسجيل الدخول المطلوبة أولاً.',
    fr: "Vous devez d'abord terminer l'étape de connexion demandée.",
    en: 'You must first complete the required sign-in step.',
  },
  forbidden: {
    ar: 'ليست لديك صلاحية القيام بهذا الإجراء.',
    fr: "Vous n'avez pas l'autorisation d'effectuer cette action.",
    en: 'You are not allowed to do this.',
  },
  not_found: {
    ar: 'العنصر المطلوب غير موجود.',
    fr: "L'élément demandé n'existe pas.",
    en: 'The requested item does not exist.',
  },
  route_not_found: {
    ar: 'هذا المسار غير موجود في واجهة البرمجة.',
    fr: "Cette route n'existe pas dans l'API.",
    en: 'This API route does not exist.',
  },
  version_conflict: {
    ar: 'قام مستخدم آخر بتعديل هذا العنصر في الأثناء. راجع التغييرات ثم أعد المحاولة.',
    fr: 'Un autre utilisateur a modifié cet élément entre-temps. Vérifiez les changements puis réessayez.',
    en: 'Someone else changed this item in the meantime. Review the changes and try again.',
  },
  invalid_credentials: {
    ar: 'اسم المستخدم أو كلمة المرور غير صحيحة.',
    fr: 'Identifiant ou mot de passe incorrect.',
    en: 'Incorrect login or password.',
  },
  account_locked: {
    ar: 'تم قفل الحساب مؤقتاً بعد محاولات فاشلة متكررة. أعد المحاولة لاحقاً.',
    fr: 'Compte temporairement verrouillé après plusieurs échecs. Réessayez plus tard.',
    en: 'Account temporarily locked after repeated failures. Try again later.',
  },
  invalid_totp_code: {
    ar: 'رمز التحقق غير صحيح أو منتهي الصلاحية.',
    fr: 'Code de vérification incorrect ou expiré.',
    en: 'Incorrect or expired verification code.',
  },
  totp_not_pending: {
    ar: 'لا يوجد تسجيل للتحقق بخطوتين قيد الإنجاز.',
    fr: "Aucune activation de la double authentification n'est en cours.",
    en: 'No two-factor enrolment is in progress.',
  },
  totp_required_for_role: {
    ar: 'التحقق بخطوتين إلزامي لدورك ولا يمكن تعطيله.',
    fr: 'La double authentification est obligatoire pour votre rôle et ne peut pas être désactivée.',
    en: 'Two-factor authentication is mandatory for your role and cannot be turned off.',
  },
  wrong_password: {
    ar: 'كلمة المرور الحالية غير صحيحة.',
    fr: 'Le mot de passe actuel est incorrect.',
    en: 'The current password is incorrect.',
  },
  login_taken: {
    ar: 'اسم المستخدم هذا مستعمل من قبل.',
    fr: 'Cet identifiant est déjà utilisé.',
    en: 'This login is already taken.',
  },
  rate_limited: {
    ar: 'طلبات كثيرة جداً. يرجى الانتظار قليلاً.',
    fr: 'Trop de requêtes. Veuillez patienter.',
    en: 'Too many requests. Please wait a moment.',
  },
  internal_error: {
    ar: 'حدث خطأ غير متوقع. تم تسجيله وسيتم فحصه.',
    fr: "Une erreur inattendue s'est produite. Elle a été enregistrée.",
    en: 'An unexpected error occurred. It has been logged.',
  },
};

/** Field-level messages: Zod issue codes and Madar's own rule codes. */
const fields: Catalog = {
  required: { ar: 'هذا الحقل إلزامي.', fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  invalid_type: { ar: 'نوع القيمة غير صحيح.', fr: 'Type de valeur incorrect.', en: 'Wrong type of value.' },
  too_small: {
    ar: 'القيمة قصيرة أو صغيرة جداً.',
    fr: 'Valeur trop courte ou trop petite.',
    en: 'Value too short or too small.',
  },
  too_big: {
    ar: 'القيمة طويلة أو كبيرة جداً.',
    fr: 'Valeur trop longue ou trop grande.',
    en: 'Value too long or too large.',
  },
  invalid_format: { ar: 'الصيغة غير صحيحة.', fr: 'Format invalide.', en: 'Invalid format.' },
  invalid_value: { ar: 'قيمة غير مقبولة.', fr: 'Valeur non acceptée.', en: 'Value not accepted.' },
  unrecognized_keys: { ar: 'حقل غير معروف.', fr: 'Champ inconnu.', en: 'Unknown field.' },
  unknown_code: {
    ar: 'رمز غير موجود في القائمة المرجعية.',
    fr: 'Code absent de la liste de référence.',
    en: 'Code not in the reference list.',
  },
  login_format: {
    ar: 'من 3 إلى 50 حرفاً: حروف لاتينية صغيرة وأرقام و . _ -',
    fr: 'De 3 à 50 caractères : lettres minuscules, chiffres et . _ -',
    en: '3 to 50 characters: lowercase letters, digits and . _ -',
  },
  phone_format: {
    ar: 'رقم هاتف مغربي: 06… أو 07… أو 05… أو ‎+212…',
    fr: 'Numéro marocain : 06…, 07…, 05… ou +212…',
    en: 'Moroccan number: 06…, 07…, 05… or +212…',
  },
  too_short: {
    ar: 'كلمة المرور يجب أن تتكون من 12 حرفاً على الأقل.',
    fr: 'Le mot de passe doit comporter au moins 12 caractères.',
    en: 'The password must have at least 12 characters.',
  },
  too_long: {
    ar: 'كلمة المرور طويلة جداً.',
    fr: 'Le mot de passe est trop long.',
    en: 'The password is too long.',
  },
  too_common: {
    ar: 'كلمة المرور هذه شائعة جداً.',
    fr: 'Ce mot de passe est trop courant.',
    en: 'This password is too common.',
  },
  contains_login: {
    ar: 'لا يجب أن تحتوي كلمة المرور على اسم المستخدم.',
    fr: "Le mot de passe ne doit pas contenir l'identifiant.",
    en: 'The password must not contain the login.',
  },
  too_repetitive: {
    ar: 'كلمة المرور تكرر نفس الحروف كثيراً.',
    fr: 'Le mot de passe répète trop les mêmes caractères.',
    en: 'The password repeats the same characters too much.',
  },
  same_as_current: {
    ar: 'يجب أن تختلف كلمة المرور الجديدة عن الحالية.',
    fr: "Le nouveau mot de passe doit être différent de l'actuel.",
    en: 'The new password must differ from the current one.',
  },
  territory_required: {
    ar: 'هذا الدور يتطلب تحديد العمالة أو الإقليم.',
    fr: 'Ce rôle exige une préfecture ou province.',
    en: 'This role needs a prefecture or province.',
  },
  territory_not_allowed: {
    ar: 'هذا الدور وطني ولا يرتبط بعمالة أو إقليم.',
    fr: "Ce rôle est national et n'est rattaché à aucune province.",
    en: 'This role is national and has no territory.',
  },
  institution_required: {
    ar: 'هذا الدور يتطلب تحديد المؤسسة.',
    fr: 'Ce rôle exige une institution.',
    en: 'This role needs an institution.',
  },
  institution_outside_territory: {
    ar: 'المؤسسة لا تنتمي إلى هذه العمالة أو الإقليم.',
    fr: "L'institution n'appartient pas à ce territoire.",
    en: 'The institution is not in this territory.',
  },
  roles_mixed_scope: {
    ar: 'لا يمكن الجمع بين دور وطني ودور إقليمي.',
    fr: 'Un rôle national ne peut pas être combiné avec un rôle provincial.',
    en: 'A national role cannot be combined with a provincial role.',
  },
  role_not_assignable: {
    ar: 'لا يمكنك منح هذا الدور.',
    fr: 'Vous ne pouvez pas attribuer ce rôle.',
    en: 'You cannot grant this role.',
  },
  outside_your_territory: {
    ar: 'خارج نطاق عمالتك أو إقليمك.',
    fr: 'Hors de votre territoire.',
    en: 'Outside your territory.',
  },
  inactive_institution: {
    ar: 'هذه المؤسسة غير نشطة.',
    fr: 'Cette institution est inactive.',
    en: 'This institution is inactive.',
  },
  cannot_deactivate_self: {
    ar: 'لا يمكنك تعطيل حسابك الخاص.',
    fr: 'Vous ne pouvez pas désactiver votre propre compte.',
    en: 'You cannot deactivate your own account.',
  },
  duplicate: {
    ar: 'هذا العنصر موجود من قبل.',
    fr: 'Cet élément existe déjà.',
    en: 'This item already exists.',
  },
};

export function problemMessage(code: string, language: Language): string {
  return (problems[code] ?? problems.internal_error!)[language];
}

export function fieldMessage(code: string, language: Language): string {
  return (fields[code] ?? fields.invalid_value!)[language];
}

export function hasFieldMessage(code: string): boolean {
  return code in fields;
}
