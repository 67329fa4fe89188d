"""The form reader: a form is a stream of cells, whatever separates them.

``cells`` cuts text into cells with exact offsets; ``stream`` gives a real table's cells from
its grid (the case where the separators are known; ``page_break`` joins a row broken across
a page); ``types`` says what each cell can be; ``align`` fits the stream to the form's column
order by a scored search; ``indicators`` and ``budget`` turn the aligned rows into contract
rows, ``totals`` reads the 总分/等级 rows. ``runon_*`` (and ``columns``, ``slots``) read the rows
whose cells ran together until the cell stream splits them; ``read`` ties it all together.
"""
