/*
 * The availability fixed point of CONTRACT §2.1–2.4 as a plain C worklist over CSR arrays:
 * the reference `linkage bench` compares the analysis with (compiled at bench time with
 * `cc -O2` when a compiler exists).
 *
 *   usage: fixed-point GRAPH_FILE [RUNS]
 *
 * GRAPH_FILE is the binary graph format written by the bench (src/cli/graph-file.ts, README
 * "Graph file"): all little-endian,
 *   "LKGRAPH1"             8 bytes
 *   n, m                   uint32 each: enterprises, links
 *   status[n]              uint8: 0 resumed, 1 partial, 2 suspended
 *   supplier[m]            int32: enterprise index
 *   customer[m]            int32: enterprise index
 *   part[m]                int32: part index (any integers; only equality matters)
 *   critical[m]            uint8: 1 critical, 0 not
 *
 * Links are grouped by (customer, part) here, in C, independently of the TypeScript
 * compiler. The fixed point: every group counts its available suppliers; an unavailable
 * enterprise decrements the groups it supplies; a critical group (one with at least one
 * critical link) reaching 0 is a lost part, and its customer, when operating, becomes
 * blocked (unavailable) and enters the worklist. Starting from the suspended ones, this is
 * the least fixed point (see src/analysis/propagate.ts).
 *
 * Prints one line per run, then a summary line:
 *   fixed-point: n=… m=… groups=… down=… blocked=… min_ms=… median_ms=…
 * The down and blocked counts let the bench check both implementations agree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void die(const char *what) {
  fprintf(stderr, "fixed-point: %s\n", what);
  exit(2);
}

static void read_exact(FILE *f, void *buf, size_t bytes) {
  if (bytes > 0 && fread(buf, 1, bytes, f) != bytes) die("graph file is truncated");
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc < 2) die("usage: fixed-point GRAPH_FILE [RUNS]");
  int runs = argc > 2 ? atoi(argv[2]) : 5;
  if (runs < 1) runs = 1;
  FILE *f = fopen(argv[1], "rb");
  if (!f) die("cannot open the graph file");
  char magic[8];
  read_exact(f, magic, 8);
  if (memcmp(magic, "LKGRAPH1", 8) != 0) die("not a LKGRAPH1 file");
  uint32_t n, m;
  read_exact(f, &n, 4);
  read_exact(f, &m, 4);
  uint8_t *status = malloc(n);
  int32_t *sup = malloc(4 * (size_t)m), *cus = malloc(4 * (size_t)m), *part = malloc(4 * (size_t)m);
  uint8_t *crit = malloc(m);
  if (!status || !sup || !cus || !part || !crit) die("out of memory");
  read_exact(f, status, n);
  read_exact(f, sup, 4 * (size_t)m);
  read_exact(f, cus, 4 * (size_t)m);
  read_exact(f, part, 4 * (size_t)m);
  read_exact(f, crit, m);
  fclose(f);
  for (uint32_t k = 0; k < m; k++) {
    if (sup[k] < 0 || (uint32_t)sup[k] >= n || cus[k] < 0 || (uint32_t)cus[k] >= n) die("link names no enterprise");
  }

  /* Links by customer (counting sort), then by (part, supplier) within a customer (insertion
     sort: a customer has a handful of links). */
  int32_t *cstart = calloc((size_t)n + 1, 4), *order = malloc(4 * (size_t)m), *fill = malloc(4 * (size_t)n);
  for (uint32_t k = 0; k < m; k++) cstart[cus[k] + 1]++;
  for (uint32_t i = 0; i < n; i++) cstart[i + 1] += cstart[i];
  memcpy(fill, cstart, 4 * (size_t)n);
  for (uint32_t k = 0; k < m; k++) order[fill[cus[k]]++] = (int32_t)k;
  for (uint32_t i = 0; i < n; i++) {
    for (int32_t a = cstart[i] + 1; a < cstart[i + 1]; a++) {
      int32_t v = order[a], b = a - 1;
      while (b >= cstart[i] && (part[order[b]] > part[v] || (part[order[b]] == part[v] && sup[order[b]] > sup[v]))) {
        order[b + 1] = order[b];
        b--;
      }
      order[b + 1] = v;
    }
  }
  /* Groups: (customer, part). A (supplier, customer, part) key given twice counts once,
     critical if either copy is. */
  int32_t *gsize = malloc(4 * (size_t)m), *gcus = malloc(4 * (size_t)m), *linkGroup = malloc(4 * (size_t)m);
  uint8_t *gcrit = calloc(m, 1);
  int32_t groups = 0;
  for (uint32_t i = 0; i < n; i++) {
    int32_t last = -1;
    for (int32_t a = cstart[i]; a < cstart[i + 1]; a++) {
      int32_t k = order[a];
      if (a > cstart[i] && part[k] == last && sup[k] == sup[order[a - 1]]) {
        gcrit[groups - 1] |= crit[k] ? 1 : 0;
        linkGroup[k] = -1;
        continue;
      }
      if (a == cstart[i] || part[k] != last) {
        gsize[groups] = 0;
        gcus[groups] = (int32_t)i;
        groups++;
        last = part[k];
      }
      gsize[groups - 1]++;
      gcrit[groups - 1] |= crit[k] ? 1 : 0;
      linkGroup[k] = groups - 1;
    }
  }
  /* Supplier CSR: the groups each enterprise supplies. */
  int32_t *sstart = calloc((size_t)n + 1, 4), *sgroup = malloc(4 * (size_t)m);
  for (uint32_t k = 0; k < m; k++)
    if (linkGroup[k] >= 0) sstart[sup[k] + 1]++;
  for (uint32_t i = 0; i < n; i++) sstart[i + 1] += sstart[i];
  memcpy(fill, sstart, 4 * (size_t)n);
  for (uint32_t k = 0; k < m; k++)
    if (linkGroup[k] >= 0) sgroup[fill[sup[k]]++] = linkGroup[k];

  int32_t *supply = malloc(4 * (size_t)groups), *work = malloc(4 * (size_t)n);
  uint8_t *avail = malloc(n); /* 0 operating, 1 down, 2 blocked */
  double *times = malloc(sizeof(double) * runs);
  long down = 0, blocked = 0;
  for (int r = 0; r < runs; r++) {
    double t0 = now_ms();
    memcpy(supply, gsize, 4 * (size_t)groups);
    int32_t head = 0, tail = 0;
    for (uint32_t i = 0; i < n; i++) {
      avail[i] = status[i] == 2 ? 1 : 0;
      if (status[i] == 2) work[tail++] = (int32_t)i;
    }
    down = tail;
    while (head < tail) {
      int32_t x = work[head++];
      for (int32_t j = sstart[x], end = sstart[x + 1]; j < end; j++) {
        int32_t g = sgroup[j];
        if (--supply[g] == 0 && gcrit[g]) {
          int32_t c = gcus[g];
          if (avail[c] == 0) {
            avail[c] = 2;
            work[tail++] = c;
          }
        }
      }
    }
    blocked = tail - down;
    times[r] = now_ms() - t0;
    printf("run %d: %.3f ms\n", r + 1, times[r]);
  }
  qsort(times, runs, sizeof(double), cmp_double);
  printf("fixed-point: n=%u m=%u groups=%d down=%ld blocked=%ld min_ms=%.3f median_ms=%.3f\n", n, m, groups, down,
         blocked, times[0], times[runs / 2]);
  return 0;
}
