# Sourced by the bench scripts: -h/--help prints the script's own header comment (its usage), and numeric
# arguments are checked before minutes of building and measuring start.

# help_if_asked SCRIPT ARGS...: prints SCRIPT's leading comment block and exits 0 when an argument is -h or --help
help_if_asked() {
  local script="$1"
  shift
  for arg in "$@"; do
    if [ "$arg" = -h ] || [ "$arg" = --help ]; then
      sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$script"
      exit 0
    fi
  done
}

# whole_number WHAT VALUE: exits 2 naming WHAT unless VALUE is a whole number from 1 to 999999
whole_number() {
  if ! [[ "$2" =~ ^[1-9][0-9]{0,5}$ ]]; then
    echo "$(basename "$0"): $1 must be a whole number from 1 to 999999, not '$2' (--help for usage)" >&2
    exit 2
  fi
}
