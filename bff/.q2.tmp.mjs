import Database from 'better-sqlite3';
const db = new Database(process.argv[2], { readonly: true });
const q = (s) => db.prepare(s).all();
console.log(q(`with bal as (select a.id, a.code, (select amount_gr from billing_opening_balances where account_id=a.id and year=2026) + coalesce((select sum(debit_gr-credit_gr) from billing_documents where account_id=a.id and date>='2026-01-01'),0) b from billing_accounts a where a.purpose='ledger' and a.closed_on is null)
select code, count(*) n, sum(b>0) arrears, sum(b<0) over, sum(b=0) zero, min(b) mn, max(b) mx, avg(b) av from bal group by code`));
console.log(q(`select code, year, min(amount_gr) mn, max(amount_gr) mx, sum(amount_gr<>0) nz, count(*) n from billing_opening_balances b join billing_accounts a on a.id=b.account_id group by code, year`));
console.log(q(`select kind, legal_title, count(*) n, avg(area_e2)/100.0 area, avg(persons) p from billing_units group by 1,2`));
console.log(q(`select role, share, count(*) n from billing_assignments group by 1,2`));
console.log(q(`select s.name, min(balance_gr), max(balance_gr), avg(abs(balance_gr)) from billing_settlements s group by 1`));
console.log(q(`select kind, count(*) from billing_readings group by 1`));
