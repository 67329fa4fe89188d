"""The form reader: a form is a stream of cells, whatever separates them.

``cells`` cuts text into cells with exact offsets; ``stream`` gives a real table's cells from
its grid (the case where the separators are known; ``page_break`` joins a row broken across
a page); ``types`` says what each cell can be; ``align`` fits the stream to the form's column
order by a scored search; ``indicators`` and ``budget`` turn the aligned rows into contract
rows, ``totals`` reads the 总分/等级 rows. ``runon`` (with ``runon_split``) cuts rows whose cells
ran together into cells, ``budget_runon`` a budget header run into one cell; ``read`` ties it
all together.
"""
