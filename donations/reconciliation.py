"""Bank statements in, payments out: read a CSV or camt.053 file, match its lines to pledges, record payments.

Pure logic with no outside calls (the receipts it queues are sent by ``donations.receipts``). A file is
read completely before anything is written; one bad line refuses the whole file with a message naming
that line, and the import itself is one transaction. Queries are made per 500 lines, never per line.

camt.053 is read with the standard library (the element names of the ISO 20022 schema) rather than
``pycamt``: pycamt needs lxml, returns unvalidated strings and loses where in the file an entry was,
so it could not name the line of a faulty entry.
"""

import csv
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from anyascii import anyascii
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from donations import campaigns
from donations.models import BankStatement, Payment, Pledge, StatementLine
from donations.models.payments import chunked, recompute_payment_statuses
from donations.models.pledges import REFERENCE_LENGTH, normalise_reference

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_AMOUNT = Decimal("999999999999.99")
CHUNK_WRITE = 500

# Cyrillic capitals that look like Latin ones: a reference typed on a Russian or Kyrgyz keyboard.
LOOK_ALIKES = str.maketrans(
    {
        "А": "A",
        "В": "B",
        "Е": "E",
        "Ё": "E",
        "З": "3",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Ө": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "У": "Y",
        "Ү": "Y",
        "І": "I",
    }
)
_TOKEN = re.compile(r"[0-9A-Z]+")


class StatementError(Exception):
    """A file that cannot be imported; the message is translated and names the line."""


@dataclass
class ParsedLine:
    source_line: int
    booking_date: date
    amount: Decimal
    currency: str
    payer: str = ""
    purpose: str = ""
    payer_account: str = ""
    bank_id: str = ""
    line_id: str = ""


@dataclass
class Match:
    line: ParsedLine
    pledge: Pledge | None = None
    matched_by: str = ""


@dataclass
class ImportResult:
    statement: BankStatement | None = None
    lines_in_file: int = 0
    duplicates: int = 0
    matches: list = field(default_factory=list)
    dry_run: bool = False

    @property
    def new_lines(self):
        return len(self.matches)

    @property
    def matched(self):
        return sum(1 for match in self.matches if match.pledge is not None)

    @property
    def unmatched(self):
        return self.new_lines - self.matched

    @property
    def refunds(self):
        return sum(1 for match in self.matches if match.line.amount < 0)


def references_in(text):
    """Every 10-character run of the purpose that could be a pledge reference, look-alikes folded."""
    tokens = _TOKEN.findall((text or "").upper().translate(LOOK_ALIKES))
    found = []
    for start in range(len(tokens)):
        joined = ""
        for token in tokens[start:]:
            joined += token
            if len(joined) >= REFERENCE_LENGTH:
                break
        for candidate in {joined[:REFERENCE_LENGTH], tokens[start][-REFERENCE_LENGTH:]}:
            reference = normalise_reference(candidate)
            if reference and reference not in found:
                found.append(reference)
    return found


def normalise_name(name):
    """A payer's name as comparable words: transliterated (й/y/i and х/kh/h alike), lower case, sorted."""
    text = anyascii(name or "").lower().replace("'", "")
    words = re.findall(r"[a-z0-9]+", text.replace("kh", "h").replace("y", "i").replace("j", "i"))
    return " ".join(sorted(words))


def stable_line_id(line, occurrence):
    """An id for a bank line without one: the same line of the same file always gets the same id."""
    parts = [
        line.booking_date.isoformat(),
        f"{line.amount:.2f}",
        line.currency,
        line.payer.strip(),
        line.purpose.strip(),
        line.payer_account.strip(),
        str(occurrence),
    ]
    return "sha256:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def assign_line_ids(lines, prefix=""):
    """Give each line its unique id: the bank's own (refusing repeats), or a content hash numbered per repeat."""
    seen = Counter()
    for line in lines:
        if line.bank_id:
            line.line_id = f"{prefix}{line.bank_id}"[:200]
            if seen[line.line_id]:
                raise StatementError(
                    _("Line %(line)s: the line id “%(id)s” appears twice in this file.")
                    % {"line": line.source_line, "id": line.bank_id}
                )
            seen[line.line_id] += 1
        else:
            key = stable_line_id(line, 0)
            seen[key] += 1
            line.line_id = stable_line_id(line, seen[key] - 1)
    return lines


def parse_amount(text, decimal_separator, line_no):
    value = (text or "").strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
    other = "," if decimal_separator == "." else "."
    value = value.replace(other, "").replace(decimal_separator, ".")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or abs(amount) > MAX_AMOUNT or amount == 0:
        raise StatementError(
            _("Line %(line)s: “%(value)s” is not an amount.") % {"line": line_no, "value": (text or "")[:40]}
        )
    return amount.quantize(Decimal("0.01"))


def parse_currency(text, line_no):
    code = (text or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise StatementError(
            _("Line %(line)s: “%(value)s” is not a currency code.") % {"line": line_no, "value": (text or "")[:40]}
        )
    return code


def parse_csv(data, csv_format, progress=None):
    """The lines of a CSV statement written in ``csv_format`` (a BankCSVFormat)."""
    try:
        text = data.decode(csv_format.encoding)
    except UnicodeDecodeError as error:
        line_no = data[: error.start].count(b"\n") + 1
        raise StatementError(
            _("Line %(line)s: the file is not in the encoding %(encoding)s.")
            % {"line": line_no, "encoding": csv_format.get_encoding_display()}
        ) from error
    if "\x00" in text:
        raise StatementError(_("Line 1: this is not a text file."))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=csv_format.delimiter, strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise StatementError(_("Line 1: %(error)s") % {"error": error}) from error
    header = [name.strip() for name in header]
    reader.fieldnames = header
    wanted = [
        csv_format.date_column,
        csv_format.amount_column,
        csv_format.payer_column,
        csv_format.purpose_column,
        csv_format.currency_column,
        csv_format.account_column,
        csv_format.line_id_column,
    ]
    missing = [name for name in wanted if name and name not in header]
    if missing:
        raise StatementError(
            _(
                "Line 1: the columns %(columns)s of the format “%(format)s” are missing; "
                "is this a statement of that bank?"
            )
            % {"columns": ", ".join(f"“{name}”" for name in missing), "format": csv_format.name}
        )
    lines = []
    try:
        for row in reader:
            line_no = reader.line_num
            if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
                continue
            if None in row:
                raise StatementError(_("Line %(line)s: more cells than columns.") % {"line": line_no})
            raw_date = (row[csv_format.date_column] or "").strip()
            try:
                booking_date = datetime.strptime(raw_date, csv_format.date_format).date()
            except ValueError as error:
                raise StatementError(
                    _("Line %(line)s: “%(value)s” is not a date in the form %(format)s.")
                    % {"line": line_no, "value": raw_date[:40], "format": csv_format.date_format}
                ) from error
            currency = csv_format.default_currency
            if csv_format.currency_column:
                currency = parse_currency(row[csv_format.currency_column], line_no)
            lines.append(
                ParsedLine(
                    source_line=line_no,
                    booking_date=booking_date,
                    amount=parse_amount(row[csv_format.amount_column], csv_format.decimal_separator, line_no),
                    currency=currency,
                    payer=(row[csv_format.payer_column] or "").strip()[:255],
                    purpose=(row[csv_format.purpose_column] or "").strip(),
                    payer_account=(row.get(csv_format.account_column) or "").strip()[:64]
                    if csv_format.account_column
                    else "",
                    bank_id=(row[csv_format.line_id_column] or "").strip() if csv_format.line_id_column else "",
                )
            )
            if progress and len(lines) % 500 == 0:
                progress(len(lines))
    except csv.Error as error:
        raise StatementError(_("Line %(line)s: %(error)s") % {"line": reader.line_num, "error": error}) from error
    if csv_format.line_id_column:
        for line in lines:
            if not line.bank_id:
                raise StatementError(_("Line %(line)s: the line id is empty.") % {"line": line.source_line})
    return assign_line_ids(lines, prefix=f"csv:{csv_format.pk}:")  # the pk: renaming a bank keeps its ids


def _line_numbers(data, tag):
    """The line on which each ``<tag`` (any namespace prefix) starts, in document order."""
    numbers, line, position = [], 1, 0
    for found in re.finditer(rb"<(?:[A-Za-z_][\w.-]*:)?" + tag + rb"[\s/>]", data):
        line += data.count(b"\n", position, found.start())
        position = found.start()
        numbers.append(line)
    return numbers


def _parse_xml(data):
    """(root element with namespaces stripped, {element: line where it starts}) for entries and transactions.

    The C parser builds the tree; the lines of <Ntry> and <TxDtls> are found in the raw bytes (same
    document order), so that an error can name its line without a slow pure-Python parse.
    """
    declaration = re.search(rb"<!(DOCTYPE|ENTITY)", data)
    if declaration:
        raise StatementError(
            _("Line %(line)s: XML with a document type declaration is refused.")
            % {"line": data.count(b"\n", 0, declaration.start()) + 1}
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise StatementError(
            _("Line %(line)s: this is not well-formed XML (%(error)s).")
            % {"line": error.position[0], "error": str(error).split(":")[0]}
        ) from error
    for element in root.iter():
        element.tag = element.tag.rsplit("}", 1)[-1]
    lines = {}
    for tag in ("Ntry", "TxDtls"):
        elements = list(root.iter(tag))
        numbers = _line_numbers(data, tag.encode())
        if len(numbers) == len(elements):
            lines.update(zip(elements, numbers, strict=True))
    return root, lines


def _child(element, *path):
    """The first descendant along ``path`` (namespaces already stripped: camt.053 versions 02 to 13 alike)."""
    if element is None:
        return None
    return element.find("/".join(path))


def _text(element, *path):
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None else ""


def parse_camt053(data, progress=None):
    """The booked entries of an ISO 20022 camt.053 statement (any version), one line per transaction."""
    root, element_lines = _parse_xml(data)
    statements = _child(root, "BkToCstmrStmt")
    if root.tag != "Document" or statements is None:
        raise StatementError(_("Line 1: this is not a camt.053 bank statement (no Document/BkToCstmrStmt)."))
    lines = []
    for statement in statements.iterfind("Stmt"):
        account_currency = _text(statement, "Acct", "Ccy")
        for number, entry in enumerate(statement.iterfind("Ntry"), start=1):
            line_no = element_lines.get(entry, number)
            status = _text(entry, "Sts", "Cd") or _text(entry, "Sts")
            if status and status.upper() not in ("BOOK", "BOOKED"):
                continue
            lines.extend(_entry_lines(entry, line_no, account_currency, element_lines))
            if progress and len(lines) % 500 < 1:
                progress(len(lines))
    return assign_line_ids(lines, prefix="camt:")


def _entry_lines(entry, line_no, account_currency, element_lines):
    raw_date = _text(entry, "BookgDt", "Dt") or _text(entry, "BookgDt", "DtTm")[:10]
    try:
        booking_date = date.fromisoformat(raw_date[:10])
    except ValueError as error:
        raise StatementError(
            _("Line %(line)s: the entry has no booking date (BookgDt).") % {"line": line_no}
        ) from error
    sign = _text(entry, "CdtDbtInd")
    if sign not in ("CRDT", "DBIT"):
        raise StatementError(_("Line %(line)s: the entry has no CdtDbtInd (CRDT or DBIT).") % {"line": line_no})
    entry_ref = _text(entry, "AcctSvcrRef")
    details = list(entry.iterfind("NtryDtls/TxDtls"))
    if not details:
        details = [None]
    lines = []
    for index, tx in enumerate(details):
        tx_line = element_lines.get(tx, line_no)
        amount_element = _child(tx, "AmtDtls", "TxAmt", "Amt") if tx is not None else None
        if amount_element is None and tx is not None:
            amount_element = _child(tx, "Amt")
        if amount_element is None or len(details) == 1:
            amount_element = _child(entry, "Amt")
        if amount_element is None:
            raise StatementError(_("Line %(line)s: the entry has no amount (Amt).") % {"line": line_no})
        amount = parse_amount(amount_element.text, ".", tx_line)
        if amount < 0:
            raise StatementError(_("Line %(line)s: “%(value)s” is not an amount.") % {"line": tx_line, "value": amount})
        currency = parse_currency(amount_element.get("Ccy") or account_currency, tx_line)
        tx_sign = _text(tx, "CdtDbtInd") if tx is not None else ""
        if (tx_sign or sign) == "DBIT":
            amount = -amount
        party = "Dbtr" if amount > 0 else "Cdtr"
        payer, account, purpose, bank_id = "", "", "", ""
        if tx is not None:
            payer = _text(tx, "RltdPties", party, "Nm") or _text(tx, "RltdPties", party, "Pty", "Nm")
            account = _text(tx, "RltdPties", f"{party}Acct", "Id", "IBAN") or _text(
                tx, "RltdPties", f"{party}Acct", "Id", "Othr", "Id"
            )
            remittance = _child(tx, "RmtInf")
            if remittance is not None:
                purpose = " ".join((el.text or "").strip() for el in remittance.iterfind("Ustrd")).strip()
            bank_id = (
                _text(tx, "Refs", "AcctSvcrRef")
                or (f"{entry_ref}/{index}" if entry_ref and len(details) > 1 else entry_ref)
                or _text(tx, "Refs", "TxId")
            )
            end_to_end = _text(tx, "Refs", "EndToEndId")
            if not bank_id and end_to_end and end_to_end.upper() != "NOTPROVIDED":
                bank_id = f"e2e:{end_to_end}"
        else:
            bank_id = entry_ref
            purpose = _text(entry, "AddtlNtryInf")
        lines.append(
            ParsedLine(
                source_line=tx_line,
                booking_date=booking_date,
                amount=amount,
                currency=currency,
                payer=payer[:255],
                purpose=purpose,
                payer_account=account[:64],
                bank_id=bank_id,
            )
        )
    return lines


def parse_statement(data, file_format, csv_format=None, progress=None):
    if len(data) > MAX_FILE_BYTES:
        raise StatementError(_("Line 1: the file is larger than 20 MB."))
    if not data.strip():
        raise StatementError(_("Line 1: the file is empty."))
    if file_format == BankStatement.Format.CAMT053:
        return parse_camt053(data, progress)
    if csv_format is None:
        raise StatementError(_("Choose the bank whose CSV format this file has."))
    if data.lstrip()[:1] == b"<":
        raise StatementError(_("Line 1: this looks like XML, not CSV; choose the camt.053 format."))
    return parse_csv(data, csv_format, progress)


def open_pledges_for(lines):
    """Pledges that can still receive the positive amounts of ``lines``, by (amount, currency, payer words)."""
    keys = {(line.amount, line.currency) for line in lines if line.amount > 0}
    found = defaultdict(list)
    for chunk in chunked({amount for amount, _currency in keys}):
        pledges = (
            Pledge.objects.identifiable()
            .filter(amount__in=chunk, currency__in={currency for _amount, currency in keys})
            .exclude(status__in=[Pledge.Status.CANCELLED, Pledge.Status.FULFILLED])
            .exclude(frequency=Pledge.Frequency.ONE_OFF, status=Pledge.Status.RECEIVED)
            .exclude(donor_name="")
            .only(
                "pk", "reference", "amount", "currency", "donor_name", "frequency", "status", "email", "anonymised_at"
            )
        )
        for pledge in pledges:
            found[(pledge.amount, pledge.currency, normalise_name(pledge.donor_name))].append(pledge)
    return found


def match_lines(lines):
    """Each line with the pledge it belongs to: by reference first, then by a unique amount + currency + payer."""
    candidates = {line.line_id: references_in(line.purpose) for line in lines}
    wanted = {reference for references in candidates.values() for reference in references}
    by_reference = {}
    for chunk in chunked(wanted):
        for pledge in Pledge.objects.filter(reference__in=chunk).only(
            "pk", "reference", "amount", "currency", "donor_name", "frequency", "status", "email", "anonymised_at"
        ):
            by_reference[pledge.reference] = pledge
    matches = []
    for line in lines:
        pledge = next((by_reference[ref] for ref in candidates[line.line_id] if ref in by_reference), None)
        matches.append(Match(line, pledge, StatementLine.MatchedBy.REFERENCE if pledge else ""))
    open_pledges = open_pledges_for([m.line for m in matches if m.pledge is None])
    taken = set()
    for match in matches:
        line = match.line
        if match.pledge is not None or line.amount <= 0 or not normalise_name(line.payer):
            continue
        fitting = [
            pledge
            for pledge in open_pledges.get((line.amount, line.currency, normalise_name(line.payer)), [])
            if pledge.frequency == Pledge.Frequency.MONTHLY or pledge.pk not in taken
        ]
        if len(fitting) == 1:
            match.pledge, match.matched_by = fitting[0], StatementLine.MatchedBy.AMOUNT_PAYER
            taken.add(fitting[0].pk)
    return matches


def existing_line_ids(line_ids):
    found = set()
    for chunk in chunked(line_ids):
        found.update(StatementLine.objects.filter(line_id__in=chunk).values_list("line_id", flat=True))
    return found


def import_statement(
    data, *, file_name, file_format, csv_format=None, user=None, dry_run=False, progress=None, bank=""
):
    """Parse, match and (unless ``dry_run``) record a statement; raises StatementError and then writes nothing."""
    lines = parse_statement(data, file_format, csv_format=csv_format, progress=progress)
    known = existing_line_ids([line.line_id for line in lines])
    new_lines = [line for line in lines if line.line_id not in known]
    result = ImportResult(lines_in_file=len(lines), duplicates=len(lines) - len(new_lines), dry_run=dry_run)
    result.matches = match_lines(new_lines)
    if dry_run or not new_lines:
        return result
    try:
        with transaction.atomic():
            result.statement = record(result, file_name, file_format, csv_format, user, bank)
    except IntegrityError as error:
        raise StatementError(
            _("Line 1: another import of these lines ran at the same time; import the file again.")
        ) from error
    return result


def record(result, file_name, file_format, csv_format, user, bank):
    """Write the statement, its new lines and their payments, then move the pledges' statuses."""
    from donations import receipts

    statement = BankStatement.objects.create(
        file_name=file_name[:255],
        format=file_format,
        bank=bank or (csv_format.name if csv_format else ""),
        uploaded_by=user,
        lines_in_file=result.lines_in_file,
        lines_imported=result.new_lines,
        duplicates_skipped=result.duplicates,
        lines_matched=result.matched,
        refunds=result.refunds,
    )
    now = timezone.now()
    rows = [
        StatementLine(
            statement=statement,
            line_id=match.line.line_id,
            source_line=match.line.source_line,
            booking_date=match.line.booking_date,
            amount=match.line.amount,
            currency=match.line.currency,
            payer=match.line.payer,
            payer_account=match.line.payer_account,
            purpose=match.line.purpose,
            state=StatementLine.State.MATCHED if match.pledge else StatementLine.State.UNMATCHED,
            matched_by=match.matched_by,
            handled_at=now if match.pledge else None,
        )
        for match in result.matches
    ]
    StatementLine.objects.bulk_create(rows, batch_size=CHUNK_WRITE)
    if not all(row.pk for row in rows):
        ids = dict(statement.lines.values_list("line_id", "pk"))
        for row in rows:
            row.pk = ids[row.line_id]
    payments = [
        Payment(
            pledge=match.pledge,
            amount=row.amount,
            currency=row.currency,
            received_on=row.booking_date,
            statement_line=row,
            created_by=user,
            created_at=now,
            receipt_status=receipts.initial_receipt_status(match.pledge, row.amount),
        )
        for match, row in zip(result.matches, rows, strict=True)
        if match.pledge is not None
    ]
    Payment.objects.bulk_create(payments, batch_size=CHUNK_WRITE)
    note = _("Payment from bank statement %(file)s") % {"file": statement.file_name}
    pledge_ids = {payment.pledge_id for payment in payments}
    recompute_payment_statuses(pledge_ids, user=user, note=note)
    # bulk_create sends no signal: tell the campaigns once, so their progress bars are purged from the cache.
    campaigns.payments_changed(pledge_ids)
    receipts.queue_receipts(payments)
    return statement


def record_manual_match(line, pledge, user, note=""):
    """Match an unmatched line to ``pledge`` by hand; returns the payment, or None if the line was handled meanwhile."""
    from donations import receipts

    with transaction.atomic():
        line = StatementLine.objects.select_for_update().get(pk=line.pk)
        if line.state != StatementLine.State.UNMATCHED:
            return None
        payment = Payment.objects.create(
            pledge=pledge,
            amount=line.amount,
            currency=line.currency,
            received_on=line.booking_date,
            statement_line=line,
            created_by=user,
            note=note,
            receipt_status=receipts.initial_receipt_status(pledge, line.amount),
        )
        StatementLine.objects.filter(pk=line.pk).update(
            state=StatementLine.State.MATCHED,
            matched_by=StatementLine.MatchedBy.MANUAL,
            handled_by=user,
            handled_at=timezone.now(),
            note=note,
        )
        BankStatement.objects.filter(pk=line.statement_id).update(lines_matched=F("lines_matched") + 1)
        recompute_payment_statuses([pledge.pk], user=user, note=note or _("Statement line matched by hand"))
        receipts.queue_receipts([payment])
    return payment


def mark_not_a_donation(line, user, note=""):
    """Set an unmatched line aside as not a donation (bank fees, salaries…); False if it was handled meanwhile."""
    updated = StatementLine.objects.filter(pk=line.pk, state=StatementLine.State.UNMATCHED).update(
        state=StatementLine.State.IGNORED, handled_by=user, handled_at=timezone.now(), note=note
    )
    return bool(updated)
