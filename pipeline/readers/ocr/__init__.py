"""OCR, one package: page reading (page), image clean-up (clean), the Tesseract
subprocess (tesseract), the dedicated reading of handwritten numbers and days
(digits) by Tesseract and PP-OCRv4 (ppocr), and the vote between them (vote).

The PDF and image readers call only what this entry names: `ocr_pdf_pages`
for a PDF's pages without a usable text layer, `ocr_images` for rendered or
photographed pages, `max_pages` and `require_tesseract` for the limits and the
tool check.
"""
from pipeline.readers.ocr.page import max_pages, ocr_images, ocr_pdf_pages
from pipeline.readers.ocr.tesseract import require_tesseract, tesseract_path

__all__ = ["max_pages", "ocr_images", "ocr_pdf_pages", "require_tesseract", "tesseract_path"]
