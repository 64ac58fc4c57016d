import type { Role } from '@madar/domain';

/**
 * Demo accounts, one or more per role, created only in demo mode and printed at start. They all
 * share one password so a visitor can try every role; production refuses to start with them.
 */
export const DEMO_PASSWORD = 'madar-demo-2026';

export interface DemoAccount {
  login: string;
  fullName: string;
  roles: Role[];
  territoryCode: string | null;
  /** Key of a demo institution (see demo/institutions.ts) for partner roles. */
  institution?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { login: 'admin.national', fullName: 'Nadia Benali', roles: ['national_admin'], territoryCode: null },
  { login: 'analyste', fullName: 'Younes El Idrissi', roles: ['ministry_analyst'], territoryCode: null },
  { login: 'auditeur', fullName: 'Samia Rhazi', roles: ['dp_auditor'], territoryCode: null },
  {
    login: 'admin.tanger',
    fullName: 'Hicham Tazi',
    roles: ['provincial_admin'],
    territoryCode: 'tanger-assilah',
  },
  {
    login: 'coordinateur.tanger',
    fullName: 'Latifa Amrani',
    roles: ['cape_coordinator'],
    territoryCode: 'tanger-assilah',
    institution: 'cape:tanger-assilah',
  },
  {
    login: 'as.tanger',
    fullName: 'Khaoula Ouazzani',
    roles: ['social_worker'],
    territoryCode: 'tanger-assilah',
    institution: 'cape:tanger-assilah',
  },
  {
    login: 'info.tanger',
    fullName: 'Omar Chraibi',
    roles: ['information_officer'],
    territoryCode: 'tanger-assilah',
    institution: 'cape:tanger-assilah',
  },
  {
    login: 'appui.tanger',
    fullName: 'Meryem Alaoui',
    roles: ['technical_support_officer'],
    territoryCode: 'tanger-assilah',
    institution: 'cape:tanger-assilah',
  },
  {
    login: 'secretariat.tanger',
    fullName: 'Redouane Bennani',
    roles: ['cppe_secretariat'],
    territoryCode: 'tanger-assilah',
  },
  {
    login: 'cppe.tanger',
    fullName: 'Abdelhak Sqalli',
    roles: ['cppe_member'],
    territoryCode: 'tanger-assilah',
    institution: 'education:tanger-assilah',
  },
  {
    login: 'hopital.tanger',
    fullName: 'Dr. Samira Filali',
    roles: ['partner_focal_point'],
    territoryCode: 'tanger-assilah',
    institution: 'hospital:tanger-assilah',
  },
  {
    login: 'upe.tanger',
    fullName: 'Anas Kettani',
    roles: ['upe_reporter'],
    territoryCode: 'tanger-assilah',
    institution: 'upe:tanger-assilah',
  },
  {
    login: 'as.rabat',
    fullName: 'Hasna Lahlou',
    roles: ['social_worker'],
    territoryCode: 'rabat',
    institution: 'cape:rabat',
  },
  ...pilotCaseworkers(),
];

/** A coordinator and a social worker for each other pilot CAPE, so every pilot has demo cases. */
function pilotCaseworkers(): DemoAccount[] {
  const pilots: [territoryCode: string, short: string, coordinator: string, worker: string | null][] = [
    ['rabat', 'rabat', 'Mounia Kettani', null],
    ['sale', 'sale', 'Driss Bouzidi', 'Zineb Alami'],
    ['casablanca-anfa', 'anfa', 'Said Benkirane', 'Houda Naciri'],
    ['meknes', 'meknes', 'Aziz Berrada', 'Laila Sefrioui'],
    ['marrakech', 'marrakech', 'Samir Ouahbi', 'Naima Fikri'],
    ['agadir-ida-outanane', 'agadir', 'Brahim Ait Taleb', 'Fadma Amziane'],
    ['laayoune', 'laayoune', 'Mohamed Lamine Ould', 'Khadijetou Salem'],
  ];
  return pilots.flatMap(([territoryCode, short, coordinator, worker]): DemoAccount[] => [
    {
      login: `coordinateur.${short}`,
      fullName: coordinator,
      roles: ['cape_coordinator'],
      territoryCode,
      institution: `cape:${territoryCode}`,
    },
    ...(worker
      ? [
          {
            login: `as.${short}`,
            fullName: worker,
            roles: ['social_worker'] as Role[],
            territoryCode,
            institution: `cape:${territoryCode}`,
          },
        ]
      : []),
  ]);
}

export function demoAccountsForDisplay() {
  return DEMO_ACCOUNTS.map((a) => ({ login: a.login, role: a.roles[0]!, password: DEMO_PASSWORD }));
}
