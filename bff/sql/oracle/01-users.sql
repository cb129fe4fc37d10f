-- Strefa Mieszkańca on Oracle, step 1 of 4: the portal's database user.
-- Run as a DBA (SYSTEM or a user with CREATE USER), with SQL*Plus or SQLcl:
--   sql system@//db.spoldzielnia.local:1521/STREFA @01-users.sql
-- The portal connects as STREFA_APP (DATABASE_URL=oracle://STREFA_APP:...@host:1521/SERVICE).
-- It owns its own tables (step 2) and only reads the billing views (steps 3 and 4).
-- Change the password before running; keep it in the BFF's environment, nowhere else.

WHENEVER SQLERROR EXIT FAILURE ROLLBACK
SET ECHO ON

CREATE USER strefa_app IDENTIFIED BY "change-me-Strefa-2026"
  DEFAULT TABLESPACE users
  QUOTA 512M ON users;

-- Log in, and create the portal's own tables, should the BFF run its migrations itself (it
-- does at every start; with the tables from step 2 in place it finds nothing to do). A DBA who
-- prefers to create the tables alone may drop the three CREATE privileges after step 2.
GRANT CREATE SESSION TO strefa_app;
GRANT CREATE TABLE TO strefa_app;
GRANT CREATE SEQUENCE TO strefa_app;
GRANT CREATE TRIGGER TO strefa_app;

-- The schema that holds the billing views (BILLING_SCHEMA=STREFA_BILLING): it owns views only.
-- The views may as well live in a schema you already have; then skip this part.
CREATE USER strefa_billing IDENTIFIED BY "change-me-Billing-2026";
GRANT CREATE SESSION, CREATE VIEW TO strefa_billing;

-- The views' owner reads the billing program's tables, and may pass that on through its views.
-- Run as the billing tables' owner (here CZYNSZE) or a DBA; list the tables your views use.
GRANT SELECT ON czynsze.kontrahenci         TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.budynki             TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.lokale              TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.uzytkownicy_lokali  TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.naliczenia          TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.konta               TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.bilanse_otwarcia    TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.dokumenty           TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.media               TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.liczniki            TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.odczyty             TO strefa_billing WITH GRANT OPTION;
GRANT SELECT ON czynsze.rozliczenia_mediow  TO strefa_billing WITH GRANT OPTION;

EXIT
