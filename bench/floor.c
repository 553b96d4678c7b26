/*
 * The physical floor of `budgetc compile`: writes the very same cells (formats, widths, row
 * heights, merges, numbers, text, SUM formulas with cached values, print setup) with
 * libxlsxwriter alone, reading them from `budgetc compile --dump-cells` (see
 * Sources/BudgetCore/Render/CellDump.swift). Only the three small charts of the 图表 sheet are
 * not reproduced.
 *
 *     cc -O2 floor.c -o floor $(pkg-config --cflags --libs xlsxwriter)
 *     ./floor cells.tsv out.xlsx
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static lxw_format *formats[15];

static void make_formats(lxw_workbook *wb) {
    for (int style = 0; style < 15; style++) {
        lxw_format *f = workbook_add_format(wb);
        format_set_font_name(f, "宋体");
        format_set_font_size(f, 10);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        switch (style) {
        case 0: format_set_font_size(f, 16); format_set_bold(f); format_set_align(f, LXW_ALIGN_CENTER); break;
        case 1: format_set_align(f, LXW_ALIGN_LEFT); break;
        case 2: format_set_align(f, LXW_ALIGN_RIGHT); break;
        case 12: case 13: format_set_align(f, LXW_ALIGN_LEFT); format_set_text_wrap(f); break;
        case 14: format_set_align(f, LXW_ALIGN_LEFT); format_set_bold(f); break;
        default: format_set_border(f, LXW_BORDER_THIN);
        }
        switch (style) {
        case 3: format_set_bold(f); format_set_align(f, LXW_ALIGN_CENTER); format_set_text_wrap(f); format_set_bg_color(f, 0xF2F2F2); break;
        case 5: format_set_align(f, LXW_ALIGN_CENTER); format_set_text_wrap(f); break;
        case 6: format_set_text_wrap(f); format_set_align(f, LXW_ALIGN_LEFT); break;
        case 7: format_set_num_format(f, "@"); format_set_align(f, LXW_ALIGN_LEFT); break;
        case 8: format_set_num_format(f, "#,##0.00;-#,##0.00;;@"); break;
        case 9: format_set_num_format(f, "#,##0.00;-#,##0.00;;@"); format_set_bold(f); break;
        case 10: format_set_num_format(f, "#,##0;-#,##0;;@"); break;
        case 11: format_set_bold(f); break;
        }
        formats[style] = f;
    }
}

/* Splits a line on tabs in place, unescaping \t \n \\ in each field. */
static int split(char *line, char **fields, int max) {
    int n = 0;
    char *p = line;
    fields[n++] = p;
    char *w = p;
    while (*p && *p != '\n') {
        if (*p == '\t') {
            *w++ = '\0';
            if (n < max) fields[n++] = w;
            p++;
        } else if (*p == '\\' && p[1]) {
            *w++ = p[1] == 't' ? '\t' : p[1] == 'n' ? '\n' : p[1];
            p += 2;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    return n;
}

static void finish_sheet(lxw_worksheet *ws, int header_rows, int landscape) {
    if (!ws) return;
    if (landscape) worksheet_set_landscape(ws); else worksheet_set_portrait(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_center_horizontally(ws);
    if (header_rows > 0) {
        worksheet_repeat_rows(ws, 0, header_rows - 1);
        worksheet_freeze_panes(ws, header_rows, 0);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor CELLS.tsv OUT.xlsx\n"); return 2; }
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 2; }
    lxw_workbook *wb = workbook_new(argv[2]);
    lxw_doc_properties properties = {0};
    properties.title = "floor";
    properties.author = "budgetc";
    properties.created = 1704067200; /* 2024-01-01, as budgetc pins it */
    workbook_set_properties(wb, &properties);
    make_formats(wb);
    lxw_worksheet *ws = NULL;
    int header_rows = 0, landscape = 1;
    size_t capacity = 1 << 16;
    char *line = malloc(capacity);
    char *fields[8];
    ssize_t length;
    while ((length = getline(&line, &capacity, in)) > 0) {
        int n = split(line, fields, 8);
        switch (fields[0][0]) {
        case 'S':
            finish_sheet(ws, header_rows, landscape);
            ws = workbook_add_worksheet(wb, fields[1]);
            header_rows = atoi(fields[2]);
            landscape = atoi(fields[3]);
            break;
        case 'W': worksheet_set_column(ws, atoi(fields[1]), atoi(fields[1]), atof(fields[2]), NULL); break;
        case 'H': worksheet_set_row(ws, atoi(fields[1]), atof(fields[2]), NULL); break;
        case 'M': worksheet_merge_range(ws, atoi(fields[1]), atoi(fields[2]), atoi(fields[3]), atoi(fields[4]), "", formats[atoi(fields[5])]); break;
        case 'B': worksheet_write_blank(ws, atoi(fields[1]), atoi(fields[2]), formats[atoi(fields[3])]); break;
        case 'T': worksheet_write_string(ws, atoi(fields[1]), atoi(fields[2]), n > 4 ? fields[4] : "", formats[atoi(fields[3])]); break;
        case 'N': worksheet_write_number(ws, atoi(fields[1]), atoi(fields[2]), atof(fields[4]), formats[atoi(fields[3])]); break;
        case 'F': worksheet_write_formula_num(ws, atoi(fields[1]), atoi(fields[2]), fields[5], formats[atoi(fields[3])], atof(fields[4])); break;
        }
    }
    finish_sheet(ws, header_rows, landscape);
    free(line);
    fclose(in);
    lxw_error status = workbook_close(wb);
    if (status != LXW_NO_ERROR) { fprintf(stderr, "floor: %s\n", lxw_strerror(status)); return 1; }
    return 0;
}
