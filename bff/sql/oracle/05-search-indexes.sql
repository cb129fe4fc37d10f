-- Strefa Mieszkańca on Oracle, step 5: indexes for the clerks' people search.
-- AN EXAMPLE over the same billing schema as 03-billing-views-example.sql (CZYNSZE.KONTRAHENCI,
-- CZYNSZE.BUDYNKI). Run as the owner of the billing tables (or a DBA), in a session whose
-- client character set is UTF-8 (NLS_LANG=POLISH_POLAND.AL32UTF8 for SQL*Plus, SQLcl is UTF-8):
--   sql czynsze@//db.spoldzielnia.local:1521/STREFA @05-search-indexes.sql
--
-- Why: the search compares names and streets folded — upper case, Polish letters without their
-- marks — as the beginning of the text:
--   TRANSLATE(UPPER(<view column>), 'ĄĆĘŁŃÓŚŹŻ', 'ACELNOSZZ') >= :1 AND ... < :2
-- ("Kaminska" finds Kamińska, "Laska" finds ul. Łaska). Oracle merges the view into the query,
-- so <view column> becomes the view's expression over the table (here CAST(k.nazwisko AS
-- VARCHAR2(80 CHAR))), and a function-based index serves the search only when it is built on
-- exactly that expression. If your views are written differently, index what YOUR view's column
-- is, wrapped in the same TRANSLATE(UPPER(...)) — and check with the EXPLAIN PLAN at the end.
-- Without these indexes the search still works, by reading every person (a full scan).

WHENEVER SQLERROR EXIT FAILURE ROLLBACK
SET ECHO ON

-- Surnames and first names (BILLING_PERSONS.LAST_NAME, FIRST_NAME).
CREATE INDEX czynsze.ix_kontr_nazwisko_fold ON czynsze.kontrahenci (
  TRANSLATE(UPPER(CAST(nazwisko AS VARCHAR2(80 CHAR))), 'ĄĆĘŁŃÓŚŹŻ', 'ACELNOSZZ')
);
CREATE INDEX czynsze.ix_kontr_imie_fold ON czynsze.kontrahenci (
  TRANSLATE(UPPER(CAST(imie AS VARCHAR2(60 CHAR))), 'ĄĆĘŁŃÓŚŹŻ', 'ACELNOSZZ')
);

-- Streets (BILLING_BUILDINGS.STREET); a few hundred buildings, but the search starts here.
CREATE INDEX czynsze.ix_bud_ulica_fold ON czynsze.budynki (
  TRANSLATE(UPPER(CAST(ulica AS VARCHAR2(60 CHAR))), 'ĄĆĘŁŃÓŚŹŻ', 'ACELNOSZZ')
);

-- Member numbers are looked up exactly (MEMBER_NUMBER IN (:1, :2)): an ordinary index.
-- Skip it if KONTRAHENCI already has one on NR_CZLONKOWSKI.
CREATE INDEX czynsze.ix_kontr_nr_czl ON czynsze.kontrahenci (CAST(nr_czlonkowski AS VARCHAR2(20 CHAR)));

BEGIN
  DBMS_STATS.GATHER_TABLE_STATS('CZYNSZE', 'KONTRAHENCI', cascade => TRUE);
  DBMS_STATS.GATHER_TABLE_STATS('CZYNSZE', 'BUDYNKI', cascade => TRUE);
END;
/

-- Check, as STREFA_APP: both branches must read an INDEX RANGE SCAN of IX_KONTR_*_FOLD.
EXPLAIN PLAN FOR
SELECT id FROM strefa_billing.billing_persons
 WHERE TRANSLATE(UPPER(last_name), 'ĄĆĘŁŃÓŚŹŻ', 'ACELNOSZZ') >= 'KAMINSKA'
   AND TRANSLATE(UPPER(last_name), 'ĄĆĘŁŃÓŚŹŻ', 'ACELNOSZZ') < 'KAMINSKB';
SELECT * FROM TABLE(DBMS_XPLAN.DISPLAY);
