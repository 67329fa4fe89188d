"""The form reader: a form is a stream of cells, whatever separates them.

``cells`` cuts text into cells with exact offsets, ``types`` says what each cell can be,
``align`` fits the stream to the form's column order by a scored search, and ``indicators``
turns the aligned rows into contract rows.
"""
