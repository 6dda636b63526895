"""The message catalogue's entries for the commands' lines and their help: key -> (English, Thai), placeholders in ``{braces}``.

Kept apart from :mod:`sar_forms.messages` (the machinery) so that whoever reviews the wording
reads tables; every entry has both languages with the same placeholders (tested).
"""

from __future__ import annotations

CLI: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ the commands' own lines
    "cli.valid": (
        "valid: {office}, indicator {indicator}, fiscal year {year}, level {level}",
        "ถูกต้อง: {office} ตัวบ่งชี้ {indicator} ปีงบประมาณ {year} ระดับ {level}",
    ),
    "cli.batch_done": (
        "produced {produced}, skipped {skipped}, failed {failed}, in {seconds} s; manifest: {manifest}",
        "สร้างแล้ว {produced} ข้ามไป {skipped} ไม่สำเร็จ {failed} ใช้เวลา {seconds} วินาที รายการสรุป: {manifest}",
    ),
    "cli.interrupted": (
        "interrupted after {seconds} s; finished files are kept, run again with --resume to finish the rest",
        "หยุดกลางคันหลังจาก {seconds} วินาที ไฟล์ที่เสร็จแล้วยังอยู่ สั่งอีกครั้งพร้อม --resume เพื่อทำส่วนที่เหลือ",
    ),
    "cli.progress": ("[{shown}/{total}] {status}: {id}: {what}", "[{shown}/{total}] {status}: {id}: {what}"),
    "cli.status.produced": ("produced", "สร้างแล้ว"),
    "cli.status.skipped": ("skipped", "ข้ามไป"),
    "cli.status.failed": ("failed", "ไม่สำเร็จ"),
    "cli.status.not run": ("not run", "ยังไม่ได้ทำ"),
    "cli.valid_count": ("{good} of {count} forms valid", "แบบรายงานถูกต้อง {good} จาก {count} ฉบับ"),
    "cli.up_to_date": ("{path} (up to date)", "{path} (เป็นปัจจุบันอยู่แล้ว)"),
    "cli.book_failed": ("book failed: {name}: {error}", "ทำเล่มรายงานไม่สำเร็จ: {name}: {error}"),
    "cli.book": ("book: {path} ({count} forms, {pages} pages)", "เล่มรายงาน: {path} ({count} แบบรายงาน {pages} หน้า)"),
    "cli.book.one": ("book: {path} ({count} form, {pages} pages)", "เล่มรายงาน: {path} ({count} แบบรายงาน {pages} หน้า)"),
    "cli.books_done": ("books in {seconds} s", "ทำเล่มรายงานเสร็จใน {seconds} วินาที"),
    "cli.round": ("round {round}", "รอบ {round}"),
    "cli.imported": ("imported: {form} -> {target} ({summary})", "นำเข้าแล้ว: {form} -> {target} ({summary})"),
    "cli.needs_editing_line": (
        "needs editing: {form} -> {target} ({summary}); look at: {fields}",
        "ต้องแก้ไข: {form} -> {target} ({summary}) ตรวจดู: {fields}",
    ),
    "cli.needs_editing": ("needs editing before use: {problem}", "ต้องแก้ไขก่อนใช้: {problem}"),
    "cli.import_summary": (
        "{count} forms: {good} imported, {bad} need editing (see the messages above)",
        "{count} แบบรายงาน: นำเข้าได้ {good} ต้องแก้ไข {bad} (ดูข้อความด้านบน)",
    ),
    "cli.import_summary.one": (
        "{count} form: {good} imported, {bad} need editing (see the messages above)",
        "{count} แบบรายงาน: นำเข้าได้ {good} ต้องแก้ไข {bad} (ดูข้อความด้านบน)",
    ),
    "cli.folder_needs_output": ("importing a folder needs -o DATA_DIR", "การนำเข้าทั้งโฟลเดอร์ต้องระบุ -o โฟลเดอร์ปลายทาง"),
    "cli.unknown_format": (
        "unknown format {bad}; choose from {formats}",
        "ไม่รู้จักรูปแบบ {bad} เลือกได้จาก {formats}",
    ),
    "cli.output_suffix": (
        "{output}: the output must end in .docx or .pdf, or give --format",
        "{output}: ไฟล์ผลลัพธ์ต้องลงท้ายด้วย .docx หรือ .pdf หรือระบุ --format",
    ),
    "cli.pdf_only_hint": (
        "only the PDF is written; add --format docx,pdf for the Word file too",
        "เขียนเฉพาะไฟล์ PDF หากต้องการไฟล์ Word ด้วย ให้เพิ่ม --format docx,pdf",
    ),
    "cli.rubric": ("rubric", "มีเกณฑ์"),
    "cli.no_rubric": ("no rubric", "ยังไม่มีเกณฑ์"),
    "cli.points": ("{points} points", "{points} ประเด็น"),
    "cli.points_unknown": ("points ?", "ประเด็น ?"),
    "years.carried": (
        "carried from {source} to fiscal year {year} by sar-forms next-year; edit the texts the findings below name",
        "ยกมาจาก {source} เป็นปีงบประมาณ {year} ด้วย sar-forms next-year แก้ไขข้อความตามรายการตรวจพบด้านล่าง",
    ),
    "cli.carried": (
        "{target}: fiscal year {year}; {count} finding(s) to look at",
        "{target}: ปีงบประมาณ {year} มี {count} รายการที่ควรตรวจ",
    ),
    "help.next_year": (
        "carry last year's form (data file or .docx) into a new fiscal year",
        "ยกแบบรายงานของปีก่อน (ไฟล์ข้อมูลหรือ .docx) มาเป็นปีงบประมาณใหม่",
    ),
    "help.next_year.input": (
        "last year's .yaml/.json data or .docx form",
        "ไฟล์ข้อมูล .yaml/.json หรือแบบรายงาน .docx ของปีก่อน",
    ),
    "help.next_year.year": (
        "the new fiscal year, Buddhist Era (2566 or ๒๕๖๖)",
        "ปีงบประมาณใหม่ เป็นปี พ.ศ. (2566 หรือ ๒๕๖๖)",
    ),
    "help.next_year.round": ("the round: 6 or 12 (months)", "รอบการรายงาน: 6 หรือ 12 (เดือน)"),
    "help.next_year.output": ("the .yaml to write; default: print", "ไฟล์ .yaml ที่จะเขียน ถ้าไม่ระบุจะพิมพ์ออกหน้าจอ"),
    # ------------------------------------------------------------------ the commands' help
    "help.description": (
        "Official Thai SAR indicator forms, as Word and PDF.",
        "แบบรายงานการประเมินตนเองรายตัวบ่งชี้ ตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา เป็นไฟล์ Word และ PDF",
    ),
    "help.usage": ("usage:", "วิธีใช้:"),
    "help.positionals": ("positional arguments", "สิ่งที่ต้องระบุ"),
    "help.options": ("options", "ตัวเลือก"),
    "help.help": ("show this help message and exit", "แสดงคำอธิบายนี้แล้วจบ"),
    "help.lang": (
        "the language of messages: th or en (default: the locale's)",
        "ภาษาของข้อความ: th หรือ en (ค่าเริ่มต้นตามระบบ)",
    ),
    "help.catalog": (
        "your own catalogue YAML, laid over the shipped one",
        "ไฟล์แคตตาล็อก YAML ของท่าน ใช้ทับแคตตาล็อกที่มากับโปรแกรม",
    ),
    "help.converter": (
        "convert to PDF on a running unoserver (repeat for several) instead of local LibreOffice",
        "แปลงเป็น PDF ด้วย unoserver ที่ทำงานอยู่ (ระบุซ้ำได้หลายเครื่อง) แทน LibreOffice ในเครื่องนี้",
    ),
    "help.template": ("a .docx template instead of the official form", "แม่แบบ .docx ที่ใช้แทนแบบฟอร์มทางการ"),
    "help.thai_digits": ("write numbers in Thai digits (๐-๙)", "เขียนตัวเลขเป็นเลขไทย (๐-๙)"),
    "help.render": ("render one assessment to .docx and/or .pdf", "สร้างแบบรายงานหนึ่งฉบับเป็น .docx และ/หรือ .pdf"),
    "help.render.input": ("assessment file (.yaml, .yml or .json)", "ไฟล์ข้อมูลแบบรายงาน (.yaml, .yml หรือ .json)"),
    "help.render.output": ("output file; its extension picks the format", "ไฟล์ผลลัพธ์ นามสกุลไฟล์เป็นตัวกำหนดรูปแบบ"),
    "help.render.format": ("comma-separated formats to write: docx,pdf", "รูปแบบที่จะเขียน คั่นด้วยจุลภาค: docx,pdf"),
    "help.render.pdfa": ("archival PDF/A-2b (with .pdf)", "PDF/A-2b สำหรับเก็บถาวร (ใช้กับ .pdf)"),
    "help.preview": ("draw one page of the form as PNG", "วาดหนึ่งหน้าของแบบรายงานเป็นภาพ PNG"),
    "help.preview.output": ("the .png to write", "ไฟล์ .png ที่จะเขียน"),
    "help.preview.page": ("the page to draw (1: the first)", "หน้าที่จะวาด (1 คือหน้าแรก)"),
    "help.preview.dpi": ("dots per inch", "ความละเอียด (จุดต่อนิ้ว)"),
    "help.validate": ("check an assessment file without rendering", "ตรวจไฟล์ข้อมูลแบบรายงานโดยไม่สร้างเอกสาร"),
    "help.validate.input": (
        "a .yaml/.json file, or as for batch: a workbook, a CSV file or a folder",
        "ไฟล์ .yaml/.json หรือเช่นเดียวกับ batch: สมุดงาน ไฟล์ CSV หรือโฟลเดอร์",
    ),
    "help.data_file": ("a .yaml or .json data file", "ไฟล์ข้อมูล .yaml หรือ .json"),
    "help.check": (
        "a reviewer's checks of a form (data file or .docx) before submission",
        "ตรวจแบบรายงาน (ไฟล์ข้อมูลหรือ .docx) แบบผู้ตรวจ ก่อนส่ง",
    ),
    "help.check.input": (".yaml/.json data or a .docx form", "ไฟล์ข้อมูล .yaml/.json หรือแบบรายงาน .docx"),
    "help.check.strict": ("warnings count as errors (exit 1)", "นับคำเตือนเป็นข้อผิดพลาด (รหัสออก 1)"),
    "help.import": (
        "read forms typed in Word (.docx, official layout) back into data (YAML)",
        "อ่านแบบรายงานที่พิมพ์ใน Word (.docx ตามแบบทางการ) กลับเป็นข้อมูล (YAML)",
    ),
    "help.import.input": ("a .docx form, or a folder of them", "แบบรายงาน .docx หรือโฟลเดอร์ที่มีหลายไฟล์"),
    "help.import.output": (
        "the .yaml to write (a folder for a folder); default: print",
        "ไฟล์ .yaml ที่จะเขียน (เป็นโฟลเดอร์เมื่อนำเข้าทั้งโฟลเดอร์) ถ้าไม่ระบุจะพิมพ์ออกหน้าจอ",
    ),
    "help.batch": (
        "produce the forms of many offices from a workbook, CSV or folder",
        "สร้างแบบรายงานของหลายสำนักงานจากสมุดงาน Excel, CSV หรือโฟลเดอร์",
    ),
    "help.batch.input": (
        ".xlsx workbook, .csv file, or a folder of .yaml/.json files",
        "สมุดงาน .xlsx ไฟล์ .csv หรือโฟลเดอร์ของไฟล์ .yaml/.json",
    ),
    "help.batch.output": ("output folder (one sub-folder per office)", "โฟลเดอร์ผลลัพธ์ (แยกโฟลเดอร์ย่อยตามสำนักงาน)"),
    "help.batch.pdf": ("also write PDFs", "เขียนไฟล์ PDF ด้วย"),
    "help.batch.pdfa": ("PDFs as PDF/A-2b", "เขียน PDF เป็น PDF/A-2b"),
    "help.batch.jobs": (
        "parallel processes (default: one per core)",
        "จำนวนกระบวนการทำงานพร้อมกัน (ค่าเริ่มต้น: เท่าจำนวนแกนประมวลผล)",
    ),
    "help.batch.resume": ("skip records whose outputs are up to date", "ข้ามรายการที่ไฟล์ผลลัพธ์เป็นปัจจุบันแล้ว"),
    "help.batch.chunk": (
        "forms per merged PDF conversion (default {chunk}; 1: one by one)",
        "จำนวนแบบรายงานต่อการแปลง PDF หนึ่งครั้ง (ค่าเริ่มต้น {chunk}; 1: ทีละฉบับ)",
    ),
    "help.batch.book": (
        "also write each office's book (see: sar-forms book)",
        "ทำเล่มรายงานของแต่ละสำนักงานด้วย (ดู: sar-forms book)",
    ),
    "help.book": (
        "write each office's whole report for a fiscal year as one book (.docx and .pdf)",
        "รวมแบบรายงานทั้งปีงบประมาณของแต่ละสำนักงานเป็นเล่มเดียว (.docx และ .pdf)",
    ),
    "help.book.input": (
        "as for batch: .xlsx workbook, .csv file, or a folder of .yaml/.json",
        "เช่นเดียวกับ batch: สมุดงาน .xlsx ไฟล์ .csv หรือโฟลเดอร์ของ .yaml/.json",
    ),
    "help.book.no_pdf": ("the .docx only", "เฉพาะไฟล์ .docx"),
    "help.book.pdfa": ("the PDF as PDF/A-2b", "เขียน PDF เป็น PDF/A-2b"),
    "help.book.jobs": (
        "LibreOffice workers (default: one per core)",
        "จำนวน LibreOffice ที่ทำงานพร้อมกัน (ค่าเริ่มต้น: เท่าจำนวนแกนประมวลผล)",
    ),
    "help.init_workbook": (
        "write an empty batch workbook with headers and drop-downs",
        "สร้างสมุดงานเปล่าสำหรับ batch พร้อมหัวตารางและรายการให้เลือก",
    ),
    "help.init_workbook.output": ("the .xlsx to write", "ไฟล์ .xlsx ที่จะเขียน"),
    "help.serve": (
        "the workspace in a browser: fill, check and see the real pages of forms",
        "เปิดระบบกรอกแบบรายงานในเบราว์เซอร์: กรอก ตรวจ และดูหน้าเอกสารจริง",
    ),
    "help.serve.data": (
        "the folder of the workspace's store (default ./sar-forms-data)",
        "โฟลเดอร์เก็บข้อมูลของระบบ (ค่าเริ่มต้น ./sar-forms-data)",
    ),
    "help.serve.host": (
        "the address to listen on (default 127.0.0.1: this machine only)",
        "ที่อยู่ที่รับการเชื่อมต่อ (ค่าเริ่มต้น 127.0.0.1: เครื่องนี้เท่านั้น)",
    ),
    "help.serve.port": ("the port (default 8000)", "พอร์ต (ค่าเริ่มต้น 8000)"),
    "help.serve.token": (
        "the access key (default: one made now and printed in the login address)",
        "รหัสเข้าใช้ (ค่าเริ่มต้น: สร้างใหม่และแสดงในลิงก์เข้าสู่ระบบ)",
    ),
    "help.serve.workers": (
        "LibreOffice processes for the pages (default 2)",
        "จำนวนโปรเซส LibreOffice สำหรับแสดงหน้าเอกสาร (ค่าเริ่มต้น 2)",
    ),
    "help.serve.database": (
        "a shared database instead of the folder's SQLite file: postgresql://user@host/db",
        "ฐานข้อมูลกลางแทนไฟล์ SQLite ในโฟลเดอร์: postgresql://user@host/db",
    ),
    "help.admin": (
        "set up a shared workspace: offices, accounts, roles, API tokens",
        "ตั้งค่าระบบกลาง: สำนักงาน บัญชีผู้ใช้ บทบาท รหัส API",
    ),
    "help.admin.add_office": ("add an office", "เพิ่มสำนักงาน"),
    "help.admin.add_user": ("add an account (password from standard input)", "เพิ่มบัญชีผู้ใช้ (รับรหัสผ่านทางอินพุตมาตรฐาน)"),
    "help.admin.admin": ("the account administers the server", "บัญชีนี้เป็นผู้ดูแลระบบ"),
    "help.admin.assign": ("give an editor an indicator of the office", "มอบหมายตัวบ่งชี้ของสำนักงานให้ผู้กรอก"),
    "help.admin.token": ("print a new API token of the account", "แสดงรหัส API ใหม่ของบัญชี"),
    "help.admin.revoke": ("revoke the account's API tokens instead", "ยกเลิกรหัส API ทั้งหมดของบัญชีแทน"),
    "help.admin.passwd": ("set an account's password (from standard input)", "ตั้งรหัสผ่านใหม่ของบัญชี (รับทางอินพุตมาตรฐาน)"),
    "help.backup": (
        "the workspace as one zip: forms as YAML, accounts, review, audit",
        "สำรองระบบเป็นไฟล์ zip: แบบรายงาน YAML บัญชีผู้ใช้ การตรวจ และบันทึกการทำงาน",
    ),
    "help.restore": ("a backup into an empty workspace", "กู้คืนไฟล์สำรองลงในระบบที่ว่างเปล่า"),
    "help.serve.add": (
        "forms to put in the store at start (YAML, JSON, .docx)",
        "แบบรายงานที่จะเพิ่มเข้าระบบเมื่อเริ่ม (YAML, JSON, .docx)",
    ),
    "help.catalog_command": ("list the standards and indicators known", "แสดงมาตรฐานและตัวบ่งชี้ที่มีในแคตตาล็อก"),
    "cli.between": ("{value} is not from {low} to {high}", "{value} ไม่อยู่ในช่วง {low} ถึง {high}"),
    "cli.password": ("password: ", "รหัสผ่าน: "),
    "cli.office_added": ("office {office} added (id {id})", "เพิ่มสำนักงาน {office} แล้ว (รหัส {id})"),
    "cli.user_added": ("account {login} added", "เพิ่มบัญชี {login} แล้ว"),
    "cli.tokens_revoked": ("{count} token(s) revoked", "ยกเลิกรหัส API แล้ว {count} รายการ"),
    "cli.restored": ("{count} form(s) restored", "กู้คืนแบบรายงานแล้ว {count} ฉบับ"),
}
