"""The grid stage's text splitting: lines split a piece at a time are the lines split at once, and a
reader of each block gets what the block list holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.read import grid
from jixiao.read.base import TextInput
from jixiao.read.grid import cell_blocks, first_lines, iter_lines, split_lines

# Texts of lines from a few pieces a table is made of, with every line end there is.
_PARTS = st.sampled_from(["\t", "\t一级指标", "项目名称", "  ", "\u3000", "\t≥95%", "续行", "", "\n", "\r\n", "\r"])
TEXTS = st.lists(_PARTS, max_size=60).map("".join)


@settings(max_examples=300)
@given(TEXTS, st.integers(min_value=1, max_value=8))
def test_lines_split_a_piece_at_a_time_are_the_lines(text: str, piece: int) -> None:
    saved, grid._PIECE = grid._PIECE, piece  # pieces of a few characters: every cut is tried
    try:
        assert list(iter_lines(text)) == split_lines(text)
    finally:
        grid._PIECE = saved


@settings(max_examples=200)
@given(TEXTS, st.integers(min_value=0, max_value=12))
def test_first_lines_are_the_head_of_the_lines(text: str, count: int) -> None:
    assert first_lines(text, count) == split_lines(text)[:count]


@settings(max_examples=200)
@given(TEXTS)
def test_each_block_gives_the_blocks_parts(text: str) -> None:
    blocks = [(block.free, block.spots) for block in cell_blocks(split_lines(text))]
    assert list(TextInput("t.txt", text).each_block()) == blocks
    assert all(free or spots for free, spots in blocks)


def _cells_as_written(lines: list[str]) -> list[list[tuple[str, int, int, str]]]:
    """Each block's cells (text, line, column, raw), one line at a time: the layout's rule as it reads."""
    blocks: list[list[list]] = []
    current: list[list] | None = None  # [line, raw] per cell of the block being read
    in_block = False
    for number, line in enumerate(lines, 1):
        if "\t" not in line and not line.strip(" \t\r\n\u00a0\u3000"):
            in_block, current = False, None
            continue
        if not in_block:
            in_block, current = True, []
            blocks.append(current)
        if line.startswith("\t"):
            current.append([number, line[1:]])
        elif current:
            current[-1][1] += "\n" + line
    return [[(grid.clean(raw), number, column, raw) for column, (number, raw) in enumerate(cells, 1)]
            for cells in blocks if cells]


@settings(max_examples=300)
@given(TEXTS)
def test_a_blocks_cells_keep_their_lines_as_written(text: str) -> None:
    lines = split_lines(text)
    found = [[(c.text, c.line, c.column, c.raw) for c in block.cells] for block in cell_blocks(lines)]
    assert [cells for cells in found if cells] == _cells_as_written(lines)


def test_a_long_text_is_split_in_pieces_without_losing_a_line() -> None:
    text = "\n".join(f"\t第{n}格" for n in range(5000))
    assert list(iter_lines(text)) == split_lines(text)
    assert sum(len(spots) for _, spots in TextInput("t.txt", text).each_block()) == 5000
