#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: installs Debian's postgresql when missing, creates a cluster
# in a temporary directory, starts it on 127.0.0.1 at a free port with a password-protected superuser and TLS
# (a certificate for 127.0.0.1 and localhost, signed by a CA made at start), and prints the shell lines that
# export where it is. Plain connections are accepted too (sslmode=disable).
#
# Usage:
#   eval "$(scripts/postgres-test-server.sh start)"     # exports MUNINN_TEST_POSTGRES_DSN, MUNINN_TEST_POSTGRES_DIR
#                                                        # and MUNINN_TEST_POSTGRES_CA (the CA's PEM certificate)
#   scripts/postgres-test-server.sh stop "$MUNINN_TEST_POSTGRES_DIR"
#   scripts/postgres-test-server.sh restart "$MUNINN_TEST_POSTGRES_DIR"   # cuts every connection, same port
# Without arguments it starts a server. Progress goes to stderr; only the export lines go to stdout.
set -euo pipefail

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The server refuses to run as root, so root runs it as the `postgres` user; anyone else runs it as themselves.
as_server_user() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

server_bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
        echo "$dir"
        return
    fi
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
    fi
}

install_server() {
    log "installing PostgreSQL (Debian postgresql)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# The server outlives this script: it must not inherit the caller's other open descriptors (a parent that
# watches one of them to learn when this script exits, as Foundation's Process does, would wait forever).
close_inherited_descriptors() {
    local path fd
    for path in /proc/$$/fd/*; do
        fd=${path##*/}
        if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec ${fd}>&-" 2>/dev/null || true; fi
    done
}

# A CA and a server certificate for 127.0.0.1 and localhost signed by it, in DIR/tls; the key readable only by
# the server's user, as PostgreSQL demands.
make_certificates() {
    local dir=$1 tls=$1/tls
    if ! command -v openssl >/dev/null 2>&1; then
        log "installing openssl"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
    fi
    mkdir -p "$tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=Muninn test CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>"$tls/openssl.log"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=localhost" \
        -keyout "$tls/server.key" -out "$tls/server.csr" 2>>"$tls/openssl.log"
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$tls/server.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
        -extfile "$tls/server.ext" -out "$tls/server.pem" 2>>"$tls/openssl.log"
    rm -f "$tls/ca.key" "$tls/server.csr" "$tls/ca.srl"
    chmod 600 "$tls/server.key"
    chmod 644 "$tls/ca.pem" "$tls/server.pem"
    if [ "$(id -u)" = 0 ]; then chown -R postgres: "$tls"; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    close_inherited_descriptors
    local bin
    bin=$(server_bin_dir)
    if [ -z "$bin" ]; then
        install_server
        bin=$(server_bin_dir)
    fi
    if [ -z "$bin" ]; then
        log "PostgreSQL's initdb and pg_ctl are still missing after installing postgresql"
        exit 1
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        log "the postgres user is missing (it comes with Debian's postgresql package)"
        exit 1
    fi

    local dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/muninn-postgres.XXXXXX")
    chmod 700 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    # A start that fails half-way leaves no server running and no directory behind.
    trap 'stop "'"$dir"'" >/dev/null 2>&1 || rm -rf "'"$dir"'"' EXIT

    log "creating a PostgreSQL cluster in $dir ($("$bin/postgres" --version))"
    as_server_user "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    make_certificates "$dir" || {
        cat "$dir/tls/openssl.log" >&2 || true
        exit 1
    }

    # The port is free when picked; another process may take it before the server binds, so try a few.
    local port="" attempt
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        # fsync off: a test server's data is thrown away, and durability is not what these tests measure.
        if as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c max_connections=200 -c ssl=on -c ssl_cert_file=$dir/tls/server.pem -c ssl_key_file=$dir/tls/server.key" \
            start >/dev/null; then
            break
        fi
        log "PostgreSQL did not start on port $port (attempt $attempt)"
        port=""
    done
    if [ -z "$port" ]; then
        cat "$dir/server.log" >&2 || true
        exit 1
    fi

    local password
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    as_server_user "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE muninn_test LOGIN SUPERUSER PASSWORD '$password'" >&2

    trap - EXIT
    log "PostgreSQL listens on 127.0.0.1:$port (stop it with: $0 stop $dir)"
    printf "export MUNINN_TEST_POSTGRES_DSN='postgres://muninn_test:%s@127.0.0.1:%s/postgres?sslmode=disable'\n" "$password" "$port"
    printf "export MUNINN_TEST_POSTGRES_DIR='%s'\n" "$dir"
    printf "export MUNINN_TEST_POSTGRES_CA='%s'\n" "$dir/tls/ca.pem"
}

stop() {
    local dir="${1:-}"
    if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
        log "no test server directory given (or it has no data directory): ${dir:-<none>}"
        exit 1
    fi
    local bin
    bin=$(server_bin_dir)
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
        as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    log "stopped the PostgreSQL test server in $dir"
}

# Restarts the server (fast shutdown: open connections are cut), on the same port, as an outage test needs.
restart() {
    close_inherited_descriptors
    local dir="${1:-}"
    if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
        log "no test server directory given (or it has no data directory): ${dir:-<none>}"
        exit 1
    fi
    local bin
    bin=$(server_bin_dir)
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
    log "restarted the PostgreSQL test server in $dir"
}

case "${1:-start}" in
start) start ;;
stop) stop "${2:-}" ;;
restart) restart "${2:-}" ;;
*)
    echo "usage: $0 [start | stop DIR | restart DIR]" >&2
    exit 2
    ;;
esac
