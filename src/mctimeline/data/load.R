# Read the mctimeline data package into R with the types its datapackage.json declares.
#
# As a script (prints one line per table, tab-separated, then exits):
#   Rscript datapackage/load.R [FOLDER]
#   table<TAB>NAME<TAB>ROWS<TAB>column=class,column=class,...
# As a library:
#   source("datapackage/load.R")
#   tables <- read_package("datapackage")
#   tables$events$start_date          # a Date vector
#
# The way the rOpenSci frictionless package reads a package: jsonlite parses the descriptor,
# readr reads each CSV with col_types built from its Table Schema (string -> character,
# integer and year -> integer, number -> double, boolean -> logical, date -> Date,
# datetime -> POSIXct; anything else, e.g. array cells holding JSON text, -> character),
# with the schema's missingValues as NA and the dialect the descriptor states.
# Needs R with jsonlite and readr (Debian: r-base-core r-cran-jsonlite r-cran-readr).
# This file is copied into every package by `mctimeline build`; edit
# src/mctimeline/data/load.R, not datapackage/load.R.

suppressPackageStartupMessages({
  library(jsonlite)
  library(readr)
})

# Table Schema: a date's format is "default" (ISO 8601), "any", or a strptime pattern.
date_format <- function(field) {
  format <- field$format
  if (is.null(format) || format == "default") "%Y-%m-%d" else if (format == "any") "" else format
}

col_type_of <- function(field) {
  type <- if (is.null(field$type)) "string" else field$type
  switch(type,
    string = col_character(),
    integer = col_integer(),
    year = col_integer(),
    number = col_double(),
    boolean = col_logical(),
    date = col_date(format = date_format(field)),
    datetime = col_datetime(format = ""),
    col_character()
  )
}

shown <- function(x) if (is.null(x)) "NULL" else paste(format(x), collapse = ",")

# A resource's file, refused (an error, nothing opened) when its path could lead outside
# the package: not a relative path, a URL, absolute, climbing out with "..", or leaving
# through a symbolic link. The same rules as mctimeline's own readers.
package_file <- function(folder, resource) {
  path <- resource$path
  why <- if (!is.character(path) || length(path) != 1 || !nzchar(path)) {
    "is not a relative path"
  } else if (grepl("^[A-Za-z][A-Za-z0-9+.-]*:", path)) {
    "is a URL"
  } else if (startsWith(path, "/")) {
    "is absolute"
  } else if (grepl("\\", path, fixed = TRUE)) {
    "is not a relative POSIX path"
  } else if (".." %in% strsplit(path, "/", fixed = TRUE)[[1]]) {
    "climbs out with .."
  } else {
    NULL
  }
  file <- if (is.null(why)) file.path(folder, path) else NULL
  if (!is.null(file) && file.exists(file)) {
    root <- normalizePath(folder, winslash = "/", mustWork = TRUE)
    real <- normalizePath(file, winslash = "/", mustWork = TRUE)
    if (!startsWith(real, paste0(root, "/"))) {
      why <- "leads outside the package through a symbolic link"
    } else if (dir.exists(real)) {
      why <- "is not a regular file"
    }
  }
  if (!is.null(why)) {
    stop(sprintf(
      "%s: resource '%s': path '%s' %s: a package's files are relative paths inside its folder; not read",
      file.path(folder, "datapackage.json"), shown(resource$name), shown(path), why
    ), call. = FALSE)
  }
  file
}

tabular_resources <- function(descriptor) {
  Filter(function(r) !is.null(r$schema), descriptor$resources)
}

read_resource <- function(folder, resource) {
  schema <- resource$schema
  names <- vapply(schema$fields, function(f) f$name, character(1))
  types <- setNames(lapply(schema$fields, col_type_of), names)
  dialect <- if (is.null(resource$dialect)) list() else resource$dialect
  missing <- if (is.null(schema$missingValues)) "" else unlist(schema$missingValues)
  path <- package_file(folder, resource)
  header <- names(read_delim(
    path,
    delim = if (is.null(dialect$delimiter)) "," else dialect$delimiter,
    col_types = cols(.default = col_character()), n_max = 0, progress = FALSE
  ))
  if (!identical(header, names)) {
    stop(sprintf(
      "%s: the header (%s) differs from the schema's fields (%s)",
      path, paste(header, collapse = ","), paste(names, collapse = ",")
    ))
  }
  # readr warns about parsing issues and carries on; they are turned into one error below.
  table <- suppressWarnings(read_delim(
    path,
    delim = if (is.null(dialect$delimiter)) "," else dialect$delimiter,
    quote = if (is.null(dialect$quoteChar)) "\"" else dialect$quoteChar,
    escape_double = if (is.null(dialect$doubleQuote)) TRUE else dialect$doubleQuote,
    col_types = do.call(cols, types),
    na = missing,
    trim_ws = FALSE, # a mention's words are kept exactly, spaces included
    locale = locale(encoding = if (is.null(resource$encoding)) "UTF-8" else resource$encoding),
    progress = FALSE,
    lazy = FALSE
  ))
  trouble <- problems(table)
  if (nrow(trouble) > 0) {
    first <- trouble[1, ]
    stop(sprintf(
      "%s: row %d (the header is row 1), column %d (%s): expected %s, found '%s' (%d problems)",
      path, first$row, first$col, names[first$col], first$expected, first$actual, nrow(trouble)
    ))
  }
  table
}

read_package <- function(folder = "datapackage") {
  descriptor <- fromJSON(file.path(folder, "datapackage.json"), simplifyVector = FALSE)
  # Every path is checked before any table is read: a tampered descriptor is refused whole.
  for (resource in descriptor$resources) if (!is.null(resource$path)) package_file(folder, resource)
  resources <- tabular_resources(descriptor)
  tables <- lapply(resources, function(r) read_resource(folder, r))
  setNames(tables, vapply(resources, function(r) r$name, character(1)))
}

script_folder <- function() {
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 0) "." else dirname(sub("^--file=", "", file_arg[1]))
}

main <- function(args) {
  folder <- if (length(args) >= 1) args[1] else script_folder()
  tables <- read_package(folder)
  for (name in names(tables)) {
    table <- tables[[name]]
    classes <- vapply(table, function(column) class(column)[1], character(1))
    cat(sprintf(
      "table\t%s\t%d\t%s\n", name, nrow(table),
      paste(names(classes), classes, sep = "=", collapse = ",")
    ))
  }
}

if (sys.nframe() == 0L) {
  main(commandArgs(trailingOnly = TRUE))
}
