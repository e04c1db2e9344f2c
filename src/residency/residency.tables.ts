import type { Generated } from 'kysely';

export interface CensusImportsTable {
  id: Generated<number>;
  file_name: string;
  rows: number;
  imported_by: number | null;
  imported_at: string;
}

export interface CensusRecordsTable {
  id: Generated<number>;
  /** HMAC of the national ID with the server's key (a plain hash of 10 digits is reversible). */
  national_id_hash: string;
  place_id: number;
  import_id: number;
}

export interface ResidencyTables {
  census_imports: CensusImportsTable;
  census_records: CensusRecordsTable;
}
