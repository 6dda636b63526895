"""The books under their name before the package had floors (``sar_forms.book.run_books``, as the
README gave it): kept so that scripts written against it go on working. New code imports from
:mod:`sar_forms`."""

from .forms.naming import book_paths
from .run.book import Book, BookMaker, BookResult, book_key, books_of, run_books

__all__ = ["Book", "BookMaker", "BookResult", "book_key", "book_paths", "books_of", "run_books"]
