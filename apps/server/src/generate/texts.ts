/**
 * Free texts of synthetic files, in French and in Arabic as CAPE staff and partners write them.
 * None names a person: they are encrypted like any free text, but a generated database must stay
 * fictitious even to whoever holds the keys.
 */

export const FACTS: Record<string, string[]> = {
  physical_violence: [
    "L'enseignante a remarqué des traces de coups sur les bras de l'enfant, qui dit avoir peur de rentrer chez lui.",
    'Enfant reçu aux urgences pour une fracture du bras ; les explications de l’accompagnant ne concordent pas avec les lésions.',
    'لاحظت الأستاذة آثار ضرب على وجه الطفل وذراعيه، ويصرّح بأنه يتعرض للضرب بشكل متكرر داخل البيت.',
    'أفاد الجيران بسماع صراخ متكرر للطفل ليلاً، وقد شوهد بكدمات ظاهرة على مستوى الرأس.',
  ],
  sexual_violence: [
    "Signalement par le service des urgences : suspicion d'abus sexuel, l'enfant a été examiné en présence d'une assistante sociale.",
    "L'enfant s'est confié à la cellule d'écoute de l'école au sujet d'attouchements répétés par un adulte de l'entourage.",
    'أحالت مصلحة المستعجلات الطفلة بعد الاشتباه في تعرضها لاعتداء جنسي، وتم فحصها بحضور المساعدة الاجتماعية.',
  ],
  sexual_exploitation: [
    'Adolescente repérée à plusieurs reprises la nuit près de la gare routière en compagnie d’adultes inconnus.',
    'تم رصد قاصر في وضعية استغلال جنسي من طرف شبكة، حسب معلومات الضابطة القضائية.',
  ],
  psychological_violence: [
    'Menaces et humiliations répétées rapportées par la voisine ; l’enfant est mutique et refuse de sortir.',
    'يتعرض الطفل للتحقير والتهديد المستمر من طرف أحد الوالدين، وتلاحظ عليه علامات القلق والانطواء.',
  ],
  neglect: [
    "L'enfant est souvent seul à la maison, mal nourri, et ne va plus à l'école depuis la rentrée.",
    'Enfant en bas âge laissé sans surveillance pendant de longues heures ; le logement est insalubre.',
    'يترك الطفل وحيداً لساعات طويلة دون تغذية كافية، وقد انقطع عن الدراسة منذ بداية الموسم.',
    'لاحظت الممرضة سوء تغذية حاد لدى الطفل وعدم متابعة التلقيحات الإجبارية.',
  ],
  abandonment: [
    'Enfant trouvé seul près de la gare routière, sans nouvelles de la famille.',
    'Nouveau-né trouvé devant la porte d’une mosquée, remis à la police puis à l’hôpital.',
    'عُثر على الطفل وحيداً قرب المحطة الطرقية دون أي أثر لأسرته.',
  ],
  child_labour: [
    "L'enfant travaille dans un atelier de mécanique du quartier au lieu d'aller à l'école.",
    'Enfant employé dans une exploitation agricole pendant la période scolaire, signalé par l’inspection du travail.',
    'يشتغل الطفل في ورشة للنجارة طيلة اليوم وقد غادر المدرسة.',
  ],
  domestic_work: [
    'Jeune fille placée comme employée de maison chez une famille de la ville, sans scolarité.',
    'طفلة تشتغل خادمة في بيت أسرة بالمدينة بعيداً عن أسرتها ودون تمدرس.',
  ],
  begging_exploitation: [
    "Enfant vu chaque jour en train de mendier au feu rouge, accompagné d'un adulte.",
    'يُستغل الطفل في التسول قرب الأسواق والمساجد من طرف شخص بالغ.',
  ],
  trafficking: [
    'Mineur intercepté lors d’un contrôle routier, transporté par un adulte sans lien de parenté ni autorisation.',
    'اشتباه في الاتجار بقاصر تم توقيفه رفقة أشخاص لا تربطهم به أي علاقة قرابة.',
  ],
  child_marriage: [
    'Projet de mariage d’une adolescente de quinze ans signalé par l’établissement scolaire.',
    'تم التبليغ عن الترتيب لتزويج طفلة قاصر تبلغ خمسة عشر عاماً وانقطاعها عن الدراسة.',
  ],
  online_harm: [
    'Adolescent victime de chantage sur les réseaux sociaux après l’envoi de photos intimes.',
    'تعرضت الطفلة للابتزاز عبر مواقع التواصل الاجتماعي بعد نشر صور شخصية لها.',
  ],
  harmful_practices: [
    'Pratiques traditionnelles préjudiciables rapportées par le centre de santé.',
    'أبلغ المركز الصحي عن ممارسات تقليدية ضارة بصحة الطفل.',
  ],
  torture_degrading_treatment: [
    'Enfant attaché et privé de nourriture en guise de punition, selon le témoignage d’un proche.',
    'تعرض الطفل لمعاملة مهينة بتقييده وحرمانه من الأكل كعقاب حسب شهادة أحد الأقارب.',
  ],
};

export const REPORTER_RELATIONS: Record<string, string[]> = {
  school: ["Directeur de l'école", 'Enseignante', 'مدير المؤسسة التعليمية'],
  health_facility: ['Médecin des urgences', 'Assistante sociale de l’hôpital', 'الطبيبة المعالجة'],
  police: ['Officier de police judiciaire', 'ضابط الشرطة القضائية'],
  gendarmerie: ['Commandant de brigade', 'قائد المركز'],
  family: ['Tante', 'Grand-mère', 'Oncle', 'الجدة', 'العمة'],
  citizen: ['Voisin', 'Voisine', 'Commerçant du quartier', 'أحد الجيران'],
  association: ['Éducatrice de l’association', 'منشط الجمعية'],
  local_authority: ['Agent d’autorité', 'عون السلطة'],
  child_self: ['L’enfant lui-même', 'الطفل نفسه'],
};

export const ADDRESSES = [
  'derb Al Amal',
  'hay Al Massira',
  'douar Ouled Ali',
  'hay Moulay Ismail',
  'quartier Al Qods',
  'hay Al Wahda',
  'derb Sidi Bouabid',
  'lotissement Al Fath',
  'hay Nahda',
  'douar Lakhrarba',
];

export const REPORT_NOTES = [
  'Porte un survêtement bleu, semble apeuré.',
  'Parle peu, répond en tamazight.',
  'يبدو عليه التعب والخوف.',
  'Accompagné de son petit frère.',
  null,
  null,
  null,
];

export const CLOSED_REPORT_REASONS = [
  'Hors champ de la protection : conflit de voisinage sans enfant en danger.',
  'Signalement en double, déjà traité.',
  'Famille orientée vers les services sociaux de droit commun.',
  'لا يتعلق الأمر بطفل في وضعية خطر بعد التحقق.',
];

export const NEEDS = [
  'Certificat médical descriptif des lésions à verser au dossier judiciaire.',
  'Suivi psychologique hebdomadaire pendant trois mois.',
  'Réinscription au collège du quartier dès le prochain trimestre.',
  "Accompagnement de la mère dans ses démarches d'état civil.",
  'Hébergement d’urgence en attendant la décision du juge des mineurs.',
  'فحص طبي شامل وتتبع الحالة الصحية للطفل.',
  'دعم نفسي منتظم للطفل ومواكبة الأسرة.',
  'إعادة إدماج الطفل في المدرسة مع دعم تربوي.',
];

export const CARD_NOTES = [
  'Merci de recevoir l’enfant en priorité, accompagné par notre assistante sociale.',
  "L'enfant est très craintif : merci de prévoir un entretien en présence d'une femme.",
  'La famille a été informée et consent à la démarche.',
  'Merci de nous transmettre votre rapport dès que possible pour la suite de la prise en charge.',
  'المرجو استقبال الطفل في أقرب الآجال، وستتم مرافقته من طرف المساعدة الاجتماعية.',
  'الأسرة على علم بالإجراء وموافقة عليه.',
  'نرجو موافاتنا بتقريركم في أقرب وقت لمواصلة التكفل.',
];

export const MEASURES: Record<string, string[]> = {
  health: [
    'Enfant examiné, certificat médical établi et remis ; soins prodigués, contrôle dans quinze jours.',
    'Bilan réalisé, traitement prescrit et rendez-vous de suivi fixé.',
    'تم فحص الطفل وتسليم الشهادة الطبية، مع تحديد موعد للمراقبة.',
  ],
  public_prosecution: [
    'Signalement enregistré, enquête ouverte et confiée à la police judiciaire.',
    'تم تسجيل الإشعار وفتح بحث قضائي في الموضوع.',
  ],
  justice: [
    'Ordonnance de placement provisoire rendue par le juge des mineurs.',
    'Dossier d’assistance judiciaire constitué, avocat désigné.',
    'أصدر قاضي الأحداث أمراً بالإيداع المؤقت للطفل.',
  ],
  national_security: [
    'Enfant mis en sécurité et auteur présumé interpellé ; procès-verbal transmis au parquet.',
    'تم توفير الحماية للطفل وإحالة المحضر على النيابة العامة.',
  ],
  royal_gendarmerie: ['Enfant mis en sécurité, procès-verbal transmis au parquet.'],
  education: [
    'Enfant réinscrit au collège, soutien scolaire organisé par la cellule d’écoute.',
    'Inscription en école de la deuxième chance pour la rentrée.',
    'تمت إعادة تسجيل الطفل بالمؤسسة مع تنظيم دروس الدعم.',
  ],
  labour: [
    "Employeur mis en demeure, l'enfant a quitté l'atelier ; procès-verbal dressé.",
    'تم سحب الطفل من العمل وتحرير محضر في حق المشغل.',
  ],
  entraide_nationale: [
    'Aide d’urgence accordée à la famille et orientation vers le centre social.',
    'تم التكفل بالطفل في مؤسسة للرعاية الاجتماعية.',
  ],
  family_solidarity: [
    'Enfant accueilli en urgence, prise en charge assurée.',
    'تم إيواء الطفل بشكل استعجالي.',
  ],
  civil_society: [
    'Séances d’écoute et d’accompagnement psychologique assurées par notre équipe.',
    'تمت مواكبة الطفل نفسياً وقانونياً من طرف فريق الجمعية.',
  ],
  youth_sports: [
    'Enfant inscrit aux activités de la maison des jeunes.',
    'تم تسجيل الطفل في أنشطة دار الشباب.',
  ],
  interior: ['Acte de naissance établi et remis à la famille.', 'تم تسجيل الطفل بسجلات الحالة المدنية.'],
};

export const DECLINE_REASONS = [
  'Service saturé : aucune place disponible avant deux mois.',
  "Ce service ne relève pas de notre compétence ; merci d'orienter vers la délégation concernée.",
  'La famille ne s’est pas présentée aux rendez-vous fixés.',
  'لا تتوفر المؤسسة حالياً على طاقة استيعابية كافية.',
  'الخدمة المطلوبة لا تدخل ضمن اختصاص مؤسستنا.',
];

export const MESSAGES: Record<'sender' | 'receiver', string[]> = {
  sender: [
    'Bonjour, avez-vous pu recevoir l’enfant ? Merci de nous tenir informés.',
    'La famille demande si le rendez-vous peut être avancé.',
    'Nous relançons au sujet de cette fiche, le délai est dépassé.',
    'هل تم استقبال الطفل؟ المرجو إخبارنا بالمستجدات.',
    'نذكركم بهذه البطاقة، فقد تجاوزت الأجل المحدد.',
  ],
  receiver: [
    'Bien reçu, l’enfant est attendu jeudi matin.',
    'Rendez-vous fixé, nous vous transmettrons le compte rendu.',
    'Nous avons besoin de l’accord écrit du tuteur légal.',
    'تم التوصل بالبطاقة، وسيتم استقبال الطفل يوم الخميس.',
    'تم تحديد الموعد وسنوافيكم بالتقرير.',
  ],
};

export const OBSERVATIONS = [
  "Visite à domicile : la mère est présente et coopère. L'enfant a repris ses repas réguliers.",
  'Entretien au CAPE : l’enfant va mieux, dort mieux, mais reste anxieux à l’évocation des faits.',
  'La famille a entamé les démarches d’inscription ; le père reste peu disponible.',
  'Situation stable, l’enfant fréquente l’école régulièrement selon le directeur.',
  'زيارة منزلية: الأم متعاونة والطفل استعاد نظامه الغذائي.',
  'مقابلة بالمركز: تحسنت الحالة النفسية للطفل لكنه ما يزال قلقاً.',
  'الوضعية مستقرة والطفل يواظب على الدراسة حسب إفادة المدير.',
];

export const CHILD_VIEWS = [
  "L'enfant dit qu'il se sent mieux et qu'il voudrait retourner à l'école avec ses amis.",
  "L'enfant souhaite rester chez sa grand-mère.",
  "L'enfant dit avoir encore peur la nuit mais aime les activités de la maison des jeunes.",
  'يقول الطفل إنه أصبح يشعر بالأمان ويرغب في العودة إلى المدرسة.',
  'تعبر الطفلة عن رغبتها في البقاء مع جدتها.',
];

export const NEXT_STEPS = [
  'Accompagner la réinscription scolaire.',
  'Prochain entretien avec la mère au CAPE.',
  'Vérifier le suivi médical auprès du centre de santé.',
  'مواكبة إعادة التسجيل بالمدرسة.',
  'مقابلة مقبلة مع الأم بالمركز.',
  null,
];

export const SERVICES_EFFECT = [
  'Les soins et le soutien psychologique ont réduit les signes de détresse ; la famille suit le plan.',
  'La réinscription scolaire est effective, le suivi psychologique doit se poursuivre.',
  'Peu de progrès : la famille reste réticente, le plan doit être ajusté.',
  'ساهمت الخدمات المقدمة في تحسن وضعية الطفل، مع ضرورة مواصلة التتبع.',
  'تحسن ملحوظ في الوضعية الصحية والنفسية للطفل.',
];

export const OVERRIDE_JUSTIFICATIONS = [
  "Le score sous-estime le danger : l'auteur présumé vit toujours au domicile.",
  'La famille élargie offre une protection suffisante, une orientation moins lourde est retenue.',
  'النتيجة لا تعكس خطورة الوضعية لأن المعتدي ما يزال يقيم مع الطفل.',
];

export const RELAPSE_REASONS = [
  'Rechute : nouvelles violences signalées par l’école, retour en prise en charge.',
  'انتكاسة: تم التبليغ عن تعرض الطفل لعنف جديد، والعودة إلى مرحلة التكفل.',
];

export const CLOSURE_NOTES = [
  'Objectifs du plan atteints, famille accompagnée.',
  'Situation stabilisée, relais assuré par les services de droit commun.',
  'تحققت أهداف خطة التدخل واستقرت وضعية الطفل.',
];

export const OTHER_CLOSURE_NOTES = [
  'Prise en charge assurée par une autre structure spécialisée.',
  'تكفلت بالطفل مؤسسة متخصصة أخرى.',
];

export const REOPENING_REASONS = [
  'Nouveau signalement : l’enfant est de nouveau en danger, réouverture du dossier.',
  'تبليغ جديد عن تعرض الطفل للخطر، إعادة فتح الملف.',
];

export const TRANSFER_REASONS = [
  'La famille a déménagé dans la province ; la prise en charge doit être poursuivie sur place.',
  'Placement de l’enfant chez un parent résidant dans la province.',
  'انتقلت الأسرة للإقامة بالإقليم، ويتعين مواصلة التكفل هناك.',
];

export const TRANSFER_DECLINE_NOTES = [
  'La famille n’a pas été trouvée à l’adresse indiquée.',
  'لم يتم العثور على الأسرة بالعنوان المشار إليه.',
];
