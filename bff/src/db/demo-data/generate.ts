// Placeholder: implemented by the foundation issue's generator.
import type { Knex } from 'knex';

export interface GenerateOptions {
  units?: number;
  years?: number;
  seed?: number;
  /** The last day of data, YYYY-MM-DD; defaults to today in Europe/Warsaw. */
  today?: string;
}

export interface GenerateSummary {
  units: number;
  persons: number;
  documents: number;
  readings: number;
}

export async function generateDemoData(_knex: Knex, _options: GenerateOptions): Promise<GenerateSummary> {
  return { units: 0, persons: 0, documents: 0, readings: 0 };
}
