import { useQuery } from '@tanstack/react-query';
import type { MeOut } from '@steward/contracts';
import { api } from './api';

export type Permissions = {
  reach: 'own' | 'team' | 'organization' | string;
  writeCustomers: boolean;
  deleteCustomers: boolean;
  mergeCustomers: boolean;
  readSensitive: boolean;
  chooseOwner: boolean;
  manageSettings: boolean;
  /** Edits shared reference data: the product catalog, visit cadence and care templates (decision 0025). */
  editReferenceData: boolean;
};

export type Me = Omit<MeOut, 'permissions'> & { permissions: Permissions };

const flag = (v: unknown) => v === true;

const normalize = (me: MeOut): Me => {
  const p = me.permissions;
  return {
    ...me,
    permissions: {
      reach: typeof p.reach === 'string' ? p.reach : 'own',
      writeCustomers: flag(p.writeCustomers),
      deleteCustomers: flag(p.deleteCustomers),
      mergeCustomers: flag(p.mergeCustomers),
      readSensitive: flag(p.readSensitive),
      chooseOwner: flag(p.chooseOwner),
      manageSettings: flag(p.manageSettings),
      editReferenceData: flag(p.editReferenceData),
    },
  };
};

export const ME_KEY = ['me'] as const;

export const useMe = () =>
  useQuery({
    queryKey: ME_KEY,
    queryFn: async () => normalize(await api.get<MeOut>('/me')),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** The signed-in user's data; only call below the authentication guard. */
export const useSession = (): Me => {
  const { data } = useMe();
  if (!data) throw new Error('useSession called outside of the authenticated area');
  return data;
};
