/**
 * The API client of the widgets that show data (every one but `<resident-login>`): the session's
 * calls of `ApiClient` and the resident's and the clerk's data. Apart from api-client.ts so that
 * the login, loaded on every page with one, does not carry the calls it never makes.
 */
import type {
  AccountsResponse,
  AdminPeopleResponse,
  AuditResponse,
  BalanceHistoryResponse,
  ChargeHistoryResponse,
  ChargesResponse,
  DocumentsResponse,
  FiltersResponse,
  IssuedCredentials,
  MeResponse,
  PaymentResponse,
  ReadingsComparisonResponse,
  ReadingsResponse,
  SettlementHistoryResponse,
  SettlementsResponse,
} from '@strefa/api-types';
import { ApiClient } from './api-client.ts';

export class ResourceClient extends ApiClient {
  // resident
  me = (signal?: AbortSignal) => this.request<MeResponse>('GET', '/me', { signal });
  filters = (unitId: number, signal?: AbortSignal) =>
    this.request<FiltersResponse>('GET', `/units/${unitId}/filters`, { signal });
  charges = (unitId: number, year: number, month: number, signal?: AbortSignal) =>
    this.request<ChargesResponse>('GET', `/units/${unitId}/charges`, { query: { year, month }, signal });
  accounts = (unitId: number, year: number, signal?: AbortSignal) =>
    this.request<AccountsResponse>('GET', `/units/${unitId}/accounts`, { query: { year }, signal });
  documents = (unitId: number, accountId: number, year: number, signal?: AbortSignal) =>
    this.request<DocumentsResponse>('GET', `/units/${unitId}/accounts/${accountId}/documents`, {
      query: { year },
      signal,
    });
  readings = (unitId: number, year: number, medium: string, signal?: AbortSignal) =>
    this.request<ReadingsResponse>('GET', `/units/${unitId}/readings`, { query: { year, medium }, signal });
  settlements = (unitId: number, year: number, account: number, signal?: AbortSignal) =>
    this.request<SettlementsResponse>('GET', `/units/${unitId}/settlements`, {
      query: { year, account },
      signal,
    });

  payment = (unitId: number, signal?: AbortSignal) =>
    this.request<PaymentResponse>('GET', `/units/${unitId}/payment`, { signal });
  balanceHistory = (unitId: number, months: number, signal?: AbortSignal) =>
    this.request<BalanceHistoryResponse>('GET', `/units/${unitId}/balance-history`, {
      query: { months },
      signal,
    });
  // the charts' data
  readingsComparison = (unitId: number, year: number, medium: string, signal?: AbortSignal) =>
    this.request<ReadingsComparisonResponse>('GET', `/units/${unitId}/readings/comparison`, {
      query: { year, medium },
      signal,
    });
  chargeHistory = (unitId: number, year: number, month: number, signal?: AbortSignal) =>
    this.request<ChargeHistoryResponse>('GET', `/units/${unitId}/charges/history`, {
      query: { year, month },
      signal,
    });
  settlementHistory = (unitId: number, year: number, account: number, signal?: AbortSignal) =>
    this.request<SettlementHistoryResponse>('GET', `/units/${unitId}/settlements/history`, {
      query: { year, account },
      signal,
    });

  // clerk
  searchPeople = (q: string, signal?: AbortSignal) =>
    this.request<AdminPeopleResponse>('GET', '/admin/people', { query: { q }, signal });
  issueCredentials = (personId: number) =>
    this.request<IssuedCredentials>('POST', '/admin/credentials', { body: { personId } });
  resetCredentials = (login: string) =>
    this.request<IssuedCredentials>('POST', `/admin/credentials/${encodeURIComponent(login)}/reset`, {
      body: {},
    });
  audit = (login: string, signal?: AbortSignal) =>
    this.request<AuditResponse>('GET', '/admin/audit', { query: { login }, signal });
}
