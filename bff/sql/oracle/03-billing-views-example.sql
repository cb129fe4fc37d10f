-- Strefa Mieszkańca on Oracle, step 3 of 4: the billing views the portal reads.
-- AN EXAMPLE over a plausible billing program's schema (CZYNSZE: KONTRAHENCI, BUDYNKI, LOKALE,
-- UZYTKOWNICY_LOKALI, NALICZENIA, KONTA, BILANSE_OTWARCIA, DOKUMENTY, MEDIA, LICZNIKI,
-- ODCZYTY, ROZLICZENIA_MEDIOW). Your billing program's tables differ: keep the view names,
-- column names, types and meanings (docs/oracle.md), change the FROM and the expressions.
-- Run as the owner of the views' schema (here STREFA_BILLING, which BILLING_SCHEMA names),
-- after it has been granted SELECT ... WITH GRANT OPTION on the billing tables:
--   sql strefa_billing@//db.spoldzielnia.local:1521/STREFA @03-billing-views-example.sql
--
-- Rules every view keeps:
--  * names unquoted (upper case), except the columns called DATE, NUMBER and SHARE: these are
--    reserved words in Oracle and must be written in double quotes, upper case;
--  * money as whole grosze NUMBER(14): ROUND(kwota * 100); quantities in thousandths (_E3),
--    rates in ten-thousandths (_E4), areas in m² × 100 (_E2): never a fraction (the BFF refuses
--    a fractional value in such a column rather than round it silently);
--  * calendar dates as DATE without a time of day: TRUNC(...);
--  * flags as NUMBER(1) 0/1; codes as the portal's English words (CASE ... END).

WHENEVER SQLERROR EXIT FAILURE ROLLBACK
SET ECHO ON

-- People: members of the cooperative, co-owners and tenants.
CREATE OR REPLACE VIEW billing_persons AS
SELECT CAST(k.id_kontrahenta AS NUMBER(10))       AS id,
       CAST(k.imie AS VARCHAR2(60 CHAR))           AS first_name,
       CAST(k.nazwisko AS VARCHAR2(80 CHAR))       AS last_name,
       CAST(k.nr_czlonkowski AS VARCHAR2(20 CHAR)) AS member_number,
       CAST(k.email AS VARCHAR2(120 CHAR))         AS email,
       CAST(k.telefon AS VARCHAR2(30 CHAR))        AS phone,
       CAST(k.ulica_koresp || ' ' || k.nr_domu_koresp
            || NVL2(k.nr_lokalu_koresp, '/' || k.nr_lokalu_koresp, '')
            || ', ' || k.kod_koresp || ' ' || k.miasto_koresp AS VARCHAR2(200 CHAR)) AS correspondence_address
  FROM czynsze.kontrahenci k
 WHERE k.typ = 'O';                                 -- persons only, not companies

CREATE OR REPLACE VIEW billing_buildings AS
SELECT CAST(b.id_budynku AS NUMBER(10))        AS id,
       CAST(b.osiedle AS VARCHAR2(60 CHAR))     AS estate,
       CAST(b.ulica AS VARCHAR2(60 CHAR))       AS street,
       CAST(b.nr_budynku AS VARCHAR2(10 CHAR))  AS "NUMBER",
       CAST(b.kod_pocztowy AS VARCHAR2(6 CHAR)) AS postal_code,
       CAST(b.miejscowosc AS VARCHAR2(40 CHAR)) AS city,
       CAST(b.l_kondygnacji AS NUMBER(3))       AS floors,
       CAST(CASE b.winda WHEN 'T' THEN 1 ELSE 0 END AS NUMBER(1)) AS has_lift
  FROM czynsze.budynki b;

CREATE OR REPLACE VIEW billing_units AS
SELECT CAST(l.id_lokalu AS NUMBER(10))  AS id,
       CAST(l.id_budynku AS NUMBER(10)) AS building_id,
       CAST(CASE l.rodzaj WHEN 'M' THEN 'flat' WHEN 'U' THEN 'commercial' WHEN 'G' THEN 'garage'
                          WHEN 'P' THEN 'parking_space' WHEN 'K' THEN 'storage' END
            AS VARCHAR2(20 CHAR))            AS kind,
       CAST(l.nr_lokalu AS VARCHAR2(10 CHAR)) AS "NUMBER",
       CAST(ROUND(l.powierzchnia * 100) AS NUMBER(10)) AS area_e2,
       CAST(l.l_osob AS NUMBER(3))           AS persons,
       CAST(l.tytul_prawny AS VARCHAR2(30 CHAR)) AS legal_title,
       CAST(l.nr_rachunku AS VARCHAR2(26 CHAR))  AS bank_account
  FROM czynsze.lokale l
 WHERE l.rodzaj IN ('M', 'U', 'G', 'P', 'K');

-- Who is assigned to which unit, and when: the portal shows a person a unit's data only for
-- the time of these rows.
CREATE OR REPLACE VIEW billing_assignments AS
SELECT CAST(u.id AS NUMBER(10))             AS id,
       CAST(u.id_kontrahenta AS NUMBER(10)) AS person_id,
       CAST(u.id_lokalu AS NUMBER(10))      AS unit_id,
       CAST(CASE u.rola WHEN 'C' THEN 'member' WHEN 'W' THEN 'co_owner' WHEN 'N' THEN 'tenant' END
            AS VARCHAR2(20 CHAR))           AS role,
       CAST(u.udzial_licznik || '/' || u.udzial_mianownik AS VARCHAR2(10 CHAR)) AS "SHARE",
       TRUNC(u.data_od)                    AS date_from,
       TRUNC(u.data_do)                    AS date_to
  FROM czynsze.uzytkownicy_lokali u
 WHERE u.rola IN ('C', 'W', 'N');

-- The monthly fee, component by component (opłaty: eksploatacja, fundusz remontowy, woda…).
CREATE OR REPLACE VIEW billing_fee_components AS
SELECT CAST(n.id AS NUMBER(12))         AS id,
       CAST(n.id_lokalu AS NUMBER(10))  AS unit_id,
       CAST(n.rok AS NUMBER(4))         AS year,
       CAST(n.miesiac AS NUMBER(2))     AS month,
       CAST(n.lp AS NUMBER(4))          AS position,
       CAST(n.nazwa_skladnika AS VARCHAR2(100 CHAR)) AS name,
       CAST(CASE n.podstawa WHEN 'M2' THEN 'm2' WHEN 'OS' THEN 'person' WHEN 'LOK' THEN 'unit'
                            WHEN 'M3' THEN 'm3' END AS VARCHAR2(10 CHAR)) AS basis,
       CAST(ROUND(n.ilosc * 1000) AS NUMBER(14))   AS quantity_e3,
       CAST(ROUND(n.stawka * 10000) AS NUMBER(14)) AS rate_e4,
       CAST(ROUND(n.kwota * 100) AS NUMBER(14))    AS amount_gr
  FROM czynsze.naliczenia n;

-- Settlement accounts of a unit: the Księgowość tab (ledger) and media settlements.
CREATE OR REPLACE VIEW billing_accounts AS
SELECT CAST(k.id_konta AS NUMBER(12))  AS id,
       CAST(k.id_lokalu AS NUMBER(10)) AS unit_id,
       CAST(CASE k.typ WHEN 'K' THEN 'ledger' WHEN 'R' THEN 'settlement' END AS VARCHAR2(10 CHAR)) AS purpose,
       CAST(k.symbol AS VARCHAR2(10 CHAR)) AS code,
       CAST(k.nazwa AS VARCHAR2(100 CHAR)) AS name,
       TRUNC(k.data_otwarcia)   AS opened_on,
       TRUNC(k.data_zamkniecia) AS closed_on
  FROM czynsze.konta k
 WHERE k.typ IN ('K', 'R');

-- Bilans otwarcia: each account's balance on 1 January.
CREATE OR REPLACE VIEW billing_opening_balances AS
SELECT CAST(b.id_konta AS NUMBER(12))           AS account_id,
       CAST(b.rok AS NUMBER(4))                 AS year,
       CAST(ROUND(b.kwota * 100) AS NUMBER(14)) AS amount_gr
  FROM czynsze.bilanse_otwarcia b;

-- Ledger documents: charges (Wn, debit) and payments (Ma, credit) of an account.
CREATE OR REPLACE VIEW billing_documents AS
SELECT CAST(d.id_dokumentu AS NUMBER(14)) AS id,
       CAST(d.id_konta AS NUMBER(12))     AS account_id,
       TRUNC(d.data_dok)                  AS "DATE",
       CAST(d.nr_dok AS VARCHAR2(30 CHAR)) AS "NUMBER",
       CAST(CASE d.rodzaj WHEN 'NAL' THEN 'charge' WHEN 'WPL' THEN 'payment' WHEN 'ODS' THEN 'interest'
                          WHEN 'KOR' THEN 'correction' WHEN 'ROZ' THEN 'settlement' END
            AS VARCHAR2(12 CHAR))         AS kind,
       CAST(d.opis AS VARCHAR2(200 CHAR)) AS description,
       CAST(ROUND(NVL(d.wn, 0) * 100) AS NUMBER(14)) AS debit_gr,
       CAST(ROUND(NVL(d.ma, 0) * 100) AS NUMBER(14)) AS credit_gr
  FROM czynsze.dokumenty d;

CREATE OR REPLACE VIEW billing_media AS
SELECT CAST(m.kod AS VARCHAR2(10 CHAR))   AS code,
       CAST(m.nazwa AS VARCHAR2(60 CHAR)) AS name,
       CAST(m.jm AS VARCHAR2(10 CHAR))    AS unit,
       CAST(m.kolejnosc AS NUMBER(4))     AS position
  FROM czynsze.media m;

CREATE OR REPLACE VIEW billing_meters AS
SELECT CAST(l.id_licznika AS NUMBER(12))   AS id,
       CAST(l.id_lokalu AS NUMBER(10))     AS unit_id,
       CAST(l.kod_medium AS VARCHAR2(10 CHAR)) AS medium_code,
       CAST(l.nr_fabryczny AS VARCHAR2(30 CHAR)) AS "NUMBER",
       CAST(l.miejsce AS VARCHAR2(60 CHAR)) AS location,
       TRUNC(l.data_montazu)   AS installed_on,
       TRUNC(l.legalizacja_do) AS legalised_until,
       TRUNC(l.data_demontazu) AS removed_on
  FROM czynsze.liczniki l;

CREATE OR REPLACE VIEW billing_readings AS
SELECT CAST(o.id_odczytu AS NUMBER(14))  AS id,
       CAST(o.id_licznika AS NUMBER(12)) AS meter_id,
       TRUNC(o.data_odczytu)             AS "DATE",
       CAST(o.nr_dok AS VARCHAR2(30 CHAR)) AS document_number,
       CAST(CASE o.rodzaj WHEN 'R' THEN 'actual' WHEN 'S' THEN 'estimated' WHEN 'Z' THEN 'remote' END
            AS VARCHAR2(10 CHAR))        AS kind,
       CAST(ROUND(o.stan * 1000) AS NUMBER(14))    AS value_e3,
       CAST(ROUND(o.zuzycie * 1000) AS NUMBER(14)) AS consumption_e3
  FROM czynsze.odczyty o;

CREATE OR REPLACE VIEW billing_settlements AS
SELECT CAST(r.id AS NUMBER(14))         AS id,
       CAST(r.id_konta AS NUMBER(12))   AS account_id,
       CAST(r.nr_dok AS VARCHAR2(30 CHAR)) AS document_number,
       TRUNC(r.data_dok)                AS "DATE",
       TRUNC(r.okres_od)                AS period_from,
       TRUNC(r.okres_do)                AS period_to,
       CAST(r.nazwa AS VARCHAR2(100 CHAR)) AS name,
       CAST(ROUND(r.zuzycie * 1000) AS NUMBER(14))  AS consumption_e3,
       CAST(r.jm AS VARCHAR2(10 CHAR))               AS consumption_unit,
       CAST(ROUND(r.cena * 10000) AS NUMBER(14))    AS unit_price_e4,
       CAST(ROUND(r.koszt * 100) AS NUMBER(14))     AS cost_gr,
       CAST(ROUND(r.zaliczki * 100) AS NUMBER(14))  AS advances_gr,
       -- Computed from the rounded parts, so cost − advances = balance holds exactly.
       CAST(ROUND(r.koszt * 100) - ROUND(r.zaliczki * 100) AS NUMBER(14)) AS balance_gr,
       TRUNC(r.termin_platnosci)         AS due_date
  FROM czynsze.rozliczenia_mediow r;

-- Freshness: ONE row, the instant the billing data were last brought up to date. Point it at
-- the billing program's own record of its last posting or import (here the newest entry of its
-- posting journal, DZIENNIK_KSIEGOWAN); every answer of the portal carries it as "asOf", and the
-- widgets warn when it is older than STALE_AFTER_HOURS. A program that keeps no such record can
-- use the newest document's entry time (MAX(d.data_wprowadzenia) FROM czynsze.dokumenty d).
CREATE OR REPLACE VIEW billing_freshness AS
SELECT CAST(MAX(j.data_ksiegowania) AS TIMESTAMP WITH TIME ZONE) AS updated_at
  FROM czynsze.dziennik_ksiegowan j;

EXIT
