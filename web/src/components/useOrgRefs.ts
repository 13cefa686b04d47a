// Departments, sites and positions: the reference lists most organisation pages need for names and pickers.
import { api } from '../api/client';
import type { Department, Position, Site } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useLoad } from './useLoad';

export interface OrgRefs {
  departments: Department[];
  sites: Site[];
  positions: Position[];
}

const empty: OrgRefs = { departments: [], sites: [], positions: [] };

export function useOrgRefs() {
  const { can } = useAuth();
  const allowed = can('org.read');
  const result = useLoad<OrgRefs>(async () => {
    if (!allowed) return empty;
    const [departments, sites, positions] = await Promise.all([
      api.get<Department[]>('/api/departments'),
      api.get<Site[]>('/api/sites'),
      api.get<Position[]>('/api/positions'),
    ]);
    return { departments, sites, positions };
  }, [allowed]);
  return { ...result, refs: result.data ?? empty };
}
