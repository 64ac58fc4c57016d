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
  already_triaged: {
    ar: 'تمت معالجة هذا الطفل من هذا التبليغ من قبل.',
    fr: 'Cet enfant de ce signalement a déjà été traité.',
    en: 'This child of the report was already triaged.',
  },
  report_closed: { ar: 'هذا التبليغ مغلق.', fr: 'Ce signalement est clos.', en: 'This report is closed.' },
  report_not_new: {
    ar: 'لا يمكن إغلاق تبليغ بدأت معالجته.',
    fr: 'Un signalement déjà traité ne peut pas être clos.',
    en: 'A report already triaged cannot be closed.',
  },
  case_closed: {
    ar: 'الملف مغلق: أعد فتحه قبل إضافة أي عمل جديد.',
    fr: 'Le dossier est clos : rouvrez-le avant d’y ajouter quoi que ce soit.',
    en: 'The case is closed: reopen it before adding anything.',
  },
  no_closure_request: {
    ar: 'لا يوجد طلب إغلاق في انتظار القرار.',
    fr: 'Aucune demande de clôture en attente.',
    en: 'No closure request is waiting.',
  },
  transfer_pending: {
    ar: 'يوجد طلب إحالة لهذا الملف إلى إقليم آخر في انتظار القرار.',
    fr: 'Une demande de transfert de ce dossier vers une autre province attend déjà une décision.',
    en: 'A request to transfer this case to another province is already waiting for a decision.',
  },
  transfer_not_pending: {
    ar: 'طلب الإحالة هذا لم يعد في انتظار القرار.',
    fr: "Cette demande de transfert n'est plus en attente.",
    en: 'This transfer request is no longer waiting.',
  },
  card_closed: {
    ar: 'بطاقة الربط هذه مغلقة (منجزة أو مرفوضة أو ملغاة): لا تقبل أي جواب جديد.',
    fr: "Cette fiche de liaison est close (traitée, refusée ou annulée) : elle n'accepte plus de réponse.",
    en: 'This referral card is closed (completed, declined or cancelled): it takes no further answer.',
  },
  card_step_not_allowed: {
    ar: 'هذه الخطوة غير ممكنة في الحالة الحالية لبطاقة الربط.',
    fr: "Cette étape n'est pas possible dans l'état actuel de la fiche de liaison.",
    en: 'This step is not possible in the current status of the referral card.',
  },
  card_not_sent: {
    ar: 'بطاقة الربط لم تُرسل بعد.',
    fr: "La fiche de liaison n'a pas encore été envoyée.",
    en: 'The referral card has not been sent yet.',
  },
  plan_item_delivered: {
    ar: 'هذه الخدمة قُدِّمت بالفعل: لا حاجة إلى بطاقة ربط جديدة.',
    fr: 'Ce service a déjà été délivré : aucune nouvelle fiche de liaison n’est nécessaire.',
    en: 'This service was already delivered: no new referral card is needed.',
  },
  referral_already_open: {
    ar: 'توجد بطاقة ربط مفتوحة لهذه الخدمة: ألغها أو انتظر جوابها قبل إرسال أخرى.',
    fr: 'Une fiche de liaison est déjà ouverte pour ce service : annulez-la ou attendez sa réponse avant d’en envoyer une autre.',
    en: 'A referral card is already open for this service: cancel it or wait for its answer before sending another.',
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
  name_required: {
    ar: 'أدخل اسم الطفل الشخصي بالعربية أو بالحروف اللاتينية.',
    fr: "Saisissez le prénom de l'enfant en arabe ou en caractères latins.",
    en: "Enter the child's first name in Arabic or Latin script.",
  },
  invalid_date: { ar: 'تاريخ غير صحيح.', fr: 'Date invalide.', en: 'Invalid date.' },
  birth_in_future: {
    ar: 'تاريخ الازدياد لا يمكن أن يكون في المستقبل.',
    fr: 'La date de naissance ne peut pas être dans le futur.',
    en: 'The birth date cannot be in the future.',
  },
  birth_after_report: {
    ar: 'تاريخ الازدياد لاحق لتاريخ التبليغ.',
    fr: 'La date de naissance est postérieure au signalement.',
    en: 'The birth date is after the report.',
  },
  report_in_future: {
    ar: 'تاريخ التبليغ لا يمكن أن يكون في المستقبل.',
    fr: 'La date du signalement ne peut pas être dans le futur.',
    en: 'The report date cannot be in the future.',
  },
  over_18_not_care_leaver: {
    ar: 'الشخص بلغ 18 سنة: لا يُسجَّل إلا في وضعية شاب مغادر لمؤسسة الرعاية.',
    fr: "La personne a 18 ans ou plus : elle n'est inscrite que comme jeune sortant de protection.",
    en: 'The person is 18 or over: only registered as a care leaver.',
  },
  cnie_format: {
    ar: 'رقم البطاقة الوطنية: حرف أو حرفان ثم أرقام (مثال AB123456).',
    fr: 'CNIE : une ou deux lettres puis des chiffres (ex. AB123456).',
    en: 'CNIE: one or two letters then digits (e.g. AB123456).',
  },
  already_merged: {
    ar: 'هذا الملف مدمج من قبل في ملف آخر.',
    fr: 'Ce dossier a déjà été fusionné.',
    en: 'This record was already merged.',
  },
  not_a_caseworker_here: {
    ar: 'هذا الشخص ليس مساعداً اجتماعياً أو منسقاً في هذا الإقليم.',
    fr: "Cette personne n'est pas travailleur social ou coordinateur dans ce territoire.",
    en: 'This person is not a social worker or coordinator in this territory.',
  },
  child_has_open_case: {
    ar: 'لهذا الطفل ملف مفتوح: اربط التبليغ بهذا الملف.',
    fr: 'Cet enfant a déjà un dossier ouvert : rattachez le signalement à ce dossier.',
    en: 'This child already has an open case: link the report to it.',
  },
  case_not_open_here: {
    ar: 'الملف مغلق أو تابع لإقليم آخر.',
    fr: 'Le dossier est clos ou relève d’un autre territoire.',
    en: 'The case is closed or belongs to another territory.',
  },
  unknown_stage: { ar: 'مرحلة غير معروفة.', fr: 'Étape inconnue.', en: 'Unknown stage.' },
  same_stage: {
    ar: 'الملف في هذه المرحلة أصلاً.',
    fr: 'Le dossier est déjà à cette étape.',
    en: 'The case is already at this stage.',
  },
  transition_not_allowed: {
    ar: 'هذا الانتقال غير ممكن في مسار الحماية.',
    fr: "Ce passage n'est pas possible dans le circuit.",
    en: 'This move is not possible in the circuit.',
  },
  reason_required: {
    ar: 'يجب ذكر السبب.',
    fr: 'Le motif est obligatoire.',
    en: 'A reason is required.',
  },
  closure_reason_required: {
    ar: 'اختر سبب إغلاق الملف.',
    fr: 'Choisissez le motif de clôture.',
    en: 'Choose the closure reason.',
  },
  closure_reason_unknown: {
    ar: 'سبب الإغلاق غير موجود في القائمة.',
    fr: 'Motif de clôture inconnu.',
    en: 'Unknown closure reason.',
  },
  closure_needs_coordinator_approval: {
    ar: 'إغلاق الملف يتطلب موافقة منسق المركز.',
    fr: 'La clôture nécessite l’accord du coordinateur du CAPE.',
    en: "Closing needs the CAPE coordinator's approval.",
  },
  closure_with_open_services_needs_confirmation: {
    ar: 'ما زالت خدمات مفتوحة في خطة التكفل: أكد الإغلاق صراحةً.',
    fr: 'Des services du plan sont encore ouverts : confirmez explicitement la clôture.',
    en: 'Services of the plan are still open: confirm the closure explicitly.',
  },
  unknown_item: {
    ar: 'بند غير موجود في أداة التقييم المعتمدة.',
    fr: "Item absent de l'outil d'évaluation en vigueur.",
    en: 'Item not in the active assessment instrument.',
  },
  value_out_of_scale: {
    ar: 'القيمة خارج سلم التنقيط.',
    fr: "Valeur hors de l'échelle de cotation.",
    en: 'Value outside the rating scale.',
  },
  missing_answer: { ar: 'أجب عن هذا البند.', fr: 'Répondez à cet item.', en: 'Answer this item.' },
  unknown_red_flag: {
    ar: 'مؤشر خطر غير موجود في أداة التقييم.',
    fr: "Signal d'alerte absent de l'outil d'évaluation.",
    en: 'Red flag not in the assessment instrument.',
  },
  justification_required: {
    ar: 'التوجيه المختار يخالف التوجيه المقترح: يجب تعليله كتابةً.',
    fr: "L'orientation choisie diffère de celle proposée : justifiez-la par écrit.",
    en: 'The orientation chosen differs from the one proposed: justify it in writing.',
  },
  baseline_assessment_required: {
    ar: 'يلزم تقييم أولي سابق للمقارنة معه.',
    fr: 'Une évaluation initiale antérieure est nécessaire pour comparer.',
    en: 'An earlier initial assessment is needed to compare with.',
  },
  answers_or_assessment: {
    ar: 'أدخل أجوبة جديدة أو اختر تقييماً مسجلاً، وليس الاثنين معاً.',
    fr: 'Donnez de nouvelles réponses ou choisissez une évaluation enregistrée, pas les deux.',
    en: 'Give new answers or choose a recorded assessment, not both.',
  },
  child_views_required: {
    ar: 'رأي الطفل جزء إلزامي من كل بطاقة تتبع: سجّل ما قاله الطفل بكلماته، أو سبب تعذّر الاستماع إليه.',
    fr: "Le point de vue de l'enfant est une partie obligatoire de chaque fiche de suivi : notez ce que l'enfant a dit, avec ses mots, ou pourquoi il n'a pas pu être entendu.",
    en: "The child's own views are a required part of every follow-up: write what the child said, in their words, or why the child could not be heard.",
  },
  in_future: {
    ar: 'التاريخ لا يمكن أن يكون في المستقبل.',
    fr: 'La date ne peut pas être dans le futur.',
    en: 'The date cannot be in the future.',
  },
  in_past: {
    ar: 'التاريخ لا يمكن أن يكون في الماضي.',
    fr: 'La date ne peut pas être dans le passé.',
    en: 'The date cannot be in the past.',
  },
  before_case_opened: {
    ar: 'التاريخ سابق لفتح الملف.',
    fr: "La date est antérieure à l'ouverture du dossier.",
    en: 'The date is before the case was opened.',
  },
  status_change_not_allowed: {
    ar: 'لا يمكن لخدمة قُدِّمت أو تعذّر تقديمها أن تعود إلى حالة «مبرمجة».',
    fr: 'Un service délivré ou non délivré ne peut pas revenir à « planifié ».',
    en: 'A delivered or not delivered service cannot go back to planned.',
  },
  unsupported_document_type: {
    ar: 'نوع الملف غير مقبول: يُقبل فقط PDF أو صورة JPEG أو PNG أو WebP.',
    fr: 'Type de fichier refusé : seuls les PDF et les images JPEG, PNG ou WebP sont acceptés.',
    en: 'File type not accepted: only PDF and JPEG, PNG or WebP images are.',
  },
  one_file_only: {
    ar: 'أرسل ملفاً واحداً في كل مرة.',
    fr: 'Envoyez un seul fichier à la fois.',
    en: 'Send one file at a time.',
  },
  // The actor map: institutions, contact points, import files.
  outside_morocco: {
    ar: 'الإحداثيات خارج التراب المغربي: تحقق من خط العرض وخط الطول (قد يكونان معكوسين).',
    fr: 'Coordonnées hors du Maroc : vérifiez la latitude et la longitude (peut-être inversées).',
    en: 'Coordinates outside Morocco: check the latitude and longitude (they may be swapped).',
  },
  coordinates_incomplete: {
    ar: 'أدخل خط العرض وخط الطول معاً، أو اتركهما فارغين.',
    fr: 'Saisissez la latitude et la longitude ensemble, ou laissez les deux vides.',
    en: 'Give both latitude and longitude, or leave both empty.',
  },
  commune_outside_territory: {
    ar: 'هذه الجماعة لا تنتمي إلى عمالة أو إقليم المؤسسة.',
    fr: "Cette commune n'appartient pas au territoire de l'institution.",
    en: "This commune is not in the institution's territory.",
  },
  user_not_in_institution: {
    ar: 'هذا الحساب ليس حساباً نشطاً تابعاً لهذه المؤسسة.',
    fr: "Ce compte n'est pas un compte actif de cette institution.",
    en: 'This account is not an active account of this institution.',
  },
  unknown_column: {
    ar: 'عمود غير معروف: استعمل أسماء أعمدة ملف التصدير.',
    fr: "Colonne inconnue : utilisez les noms de colonnes du fichier d'export.",
    en: 'Unknown column: use the column names of the export file.',
  },
  missing_column: {
    ar: 'هذا العمود إلزامي في الملف.',
    fr: 'Cette colonne est obligatoire dans le fichier.',
    en: 'This column is required in the file.',
  },
  unsupported_import_type: {
    ar: 'نوع الملف غير مقبول: يُقبل فقط CSV بترميز UTF-8 أو XLSX.',
    fr: 'Type de fichier refusé : seuls les fichiers CSV UTF-8 et XLSX sont acceptés.',
    en: 'File type not accepted: only UTF-8 CSV and XLSX files are.',
  },
  encoding_not_utf8: {
    ar: 'الملف ليس بترميز UTF-8: احفظه بصيغة «CSV UTF-8» أو XLSX.',
    fr: 'Le fichier n’est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » ou en XLSX.',
    en: 'The file is not UTF-8: save it as "CSV UTF-8" or XLSX.',
  },
  empty_file: {
    ar: 'الملف فارغ: يجب أن يحتوي على سطر العناوين ثم سطر واحد على الأقل.',
    fr: "Le fichier est vide : il faut la ligne d'en-tête puis au moins une ligne.",
    en: 'The file is empty: it needs the header row and at least one row.',
  },
  too_many_rows: {
    ar: 'عدد الأسطر يتجاوز الحد المسموح به (5000): قسّم الملف.',
    fr: 'Trop de lignes (5000 au plus) : divisez le fichier.',
    en: 'Too many rows (5000 at most): split the file.',
  },
  same_territory: {
    ar: 'الملف تابع لهذا الإقليم أصلاً.',
    fr: 'Le dossier relève déjà de cette province.',
    en: 'The case already belongs to this province.',
  },
  no_dtipe_there: {
    ar: 'لم يُحدَث بعدُ جهاز ترابي مندمج لحماية الطفولة في هذا الإقليم.',
    fr: "Aucun dispositif territorial intégré de protection de l'enfance n'est encore établi dans cette province.",
    en: 'No integrated territorial child-protection mechanism (DTIPE) is established in this province yet.',
  },
  service_not_offered_confirm: {
    ar: 'هذه المؤسسة لا تقدم هذه الخدمة حسب خارطة الفاعلين: أكد الإرسال إليها صراحةً.',
    fr: "Selon la carte des acteurs, cette institution n'offre pas ce service : confirmez l'envoi explicitement.",
    en: 'According to the actor map this institution does not offer this service: confirm sending to it explicitly.',
  },
  after_end_date: {
    ar: 'تاريخ البداية لاحق لتاريخ النهاية.',
    fr: 'La date de début est postérieure à la date de fin.',
    en: 'The start date is after the end date.',
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
