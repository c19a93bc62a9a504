"""Factories for bank statements: CSV formats, statement rows, and the bytes of CSV and camt.053 files."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

import factory

from donations.models import BankCSVFormat


class BankCSVFormatFactory(factory.django.DjangoModelFactory):
    """A Kyrgyz bank's export: semicolons, Windows-1251, day.month.year, decimal comma, its own line ids."""

    class Meta:
        model = BankCSVFormat
        django_get_or_create = ("name",)

    name = "Demir Bank"
    delimiter = ";"
    encoding = BankCSVFormat.Encoding.CP1251
    date_format = "%d.%m.%Y"
    decimal_separator = ","
    date_column = "Дата"
    amount_column = "Сумма"
    currency_column = "Валюта"
    payer_column = "Плательщик"
    purpose_column = "Назначение платежа"
    account_column = "Счёт"
    line_id_column = "Номер"


@dataclass
class Row:
    amount: Decimal
    purpose: str = ""
    payer: str = "Асанова Айгуль"
    currency: str = "KGS"
    booked: date = field(default_factory=lambda: date(2026, 11, 20))
    line_id: str = ""
    account: str = "1240000000000001"


_ids = iter(range(1, 10**9))


def row(amount="1000.00", **fields):
    fields.setdefault("line_id", f"TX{next(_ids):08d}")
    return Row(amount=Decimal(amount), **fields)


def csv_bytes(rows, csv_format=None):
    """A statement as the bank's CSV: header of the format's column names, then one line per row."""
    fmt = csv_format or BankCSVFormatFactory.build()
    columns = [fmt.line_id_column, fmt.date_column, fmt.amount_column, fmt.currency_column, fmt.payer_column]
    columns += [fmt.account_column, fmt.purpose_column]
    lines = [fmt.delimiter.join(name for name in columns if name)]
    for item in rows:
        amount = f"{item.amount:.2f}".replace(".", fmt.decimal_separator)
        cells = {
            fmt.line_id_column: item.line_id,
            fmt.date_column: item.booked.strftime(fmt.date_format),
            fmt.amount_column: amount,
            fmt.currency_column: item.currency,
            fmt.payer_column: item.payer,
            fmt.account_column: item.account,
            fmt.purpose_column: f'"{item.purpose}"',
        }
        lines.append(fmt.delimiter.join(cells[name] for name in columns if name))
    return ("\r\n".join(lines) + "\r\n").encode(fmt.encoding.replace("-sig", ""))


def camt053_bytes(rows, version="001.08"):
    """A camt.053 statement with one booked entry (and one TxDtls) per row."""
    entries = []
    for item in rows:
        sign = "CRDT" if item.amount > 0 else "DBIT"
        party = "Dbtr" if item.amount > 0 else "Cdtr"
        ref = f"<AcctSvcrRef>{escape(item.line_id)}</AcctSvcrRef>" if item.line_id else ""
        entries.append(
            f"""
      <Ntry>
        <Amt Ccy="{item.currency}">{abs(item.amount):.2f}</Amt>
        <CdtDbtInd>{sign}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>{item.booked.isoformat()}</Dt></BookgDt>
        <ValDt><Dt>{item.booked.isoformat()}</Dt></ValDt>
        {ref}
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
            <RltdPties>
              <{party}><Nm>{escape(item.payer)}</Nm></{party}>
              <{party}Acct><Id><Othr><Id>{escape(item.account)}</Id></Othr></Id></{party}Acct>
            </RltdPties>
            <RmtInf><Ustrd>{escape(item.purpose)}</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.{version}">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2026-11-21T08:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-1-1</Id>
      <Acct><Id><Othr><Id>1240000000009999</Id></Othr></Id><Ccy>KGS</Ccy></Acct>{"".join(entries)}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()
