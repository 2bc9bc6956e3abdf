/*
 * A scriptable stand-in for libamd_smi.so, for Jouletrace's AMD SMI probe tests.
 *
 * Exports the AMD SMI entry points the probe binds, with the signatures of ROCm/amdsmi
 * include/amd_smi/amdsmi.h as described in the probe's AmdSmiCalls (written from that description,
 * not copied from the header), plus fake_amd_* control functions that tests call through JNA to
 * script GPUs, sockets, energy counters and status codes. Every entry point counts its calls.
 */
#include <stdint.h>
#include <string.h>

#define OK 0
#define ST_INVAL 1
#define ST_NOT_SUPPORTED 2
#define ST_NOT_INIT 32

#define MAX_GPUS 8
#define MAX_SOCKETS 8
#define UUID_SIZE 38 /* AMDSMI_GPU_UUID_SIZE */

typedef struct {
  int socket;
  uint64_t domain, bus, device, function;
  int bdf_rc;
  char uuid[UUID_SIZE];
  int uuid_rc;
  uint64_t accumulator;
  float resolution;
  uint64_t timestamp;
  int energy_rc;
} gpu_t;

/* amdsmi_bdf_t: a union of one uint64 with bit fields function 0-2, device 3-7, bus 8-15,
 * domain 16-63. */
typedef union {
  struct {
    uint64_t function_number : 3;
    uint64_t device_number : 5;
    uint64_t bus_number : 8;
    uint64_t domain_number : 48;
  } f;
  uint64_t as_uint;
} bdf_t;

_Static_assert(sizeof(bdf_t) == 8, "amdsmi_bdf_t is 8 bytes");

static gpu_t gpus[MAX_GPUS];
static int gpu_count;
/* Socket handles are addresses into this table. */
static int sockets[MAX_SOCKETS];
static int socket_count;
static int init_rc;
static int refs;
static uint64_t last_flags;
static int calls[16];

enum { C_INIT, C_SHUT_DOWN, C_SOCKETS, C_PROCESSORS, C_BDF, C_UUID, C_ENERGY };

/* ---- control functions ------------------------------------------------------------------- */

void fake_amd_reset(void) {
  memset(gpus, 0, sizeof gpus);
  memset(sockets, 0, sizeof sockets);
  memset(calls, 0, sizeof calls);
  gpu_count = 0;
  socket_count = 0;
  init_rc = OK;
  refs = 0;
  last_flags = 0;
}

int fake_amd_calls(int which) { return calls[which]; }

int fake_amd_refs(void) { return refs; }

uint64_t fake_amd_init_flags(void) { return last_flags; }

void fake_amd_set_init_rc(int rc) { init_rc = rc; }

/* Adds a GPU on socket `socket` (sockets are created as needed) at PCI domain:bus:device.function. */
void fake_amd_add_gpu(int socket, unsigned domain, unsigned bus, unsigned device, unsigned function,
                      const char *uuid) {
  gpu_t *g = &gpus[gpu_count++];
  g->socket = socket;
  g->domain = domain;
  g->bus = bus;
  g->device = device;
  g->function = function;
  strncpy(g->uuid, uuid, UUID_SIZE - 1);
  g->resolution = 15.3f;
  if (socket + 1 > socket_count) socket_count = socket + 1;
}

void fake_amd_set_energy(int i, uint64_t accumulator, float resolution, int rc) {
  gpus[i].accumulator = accumulator;
  gpus[i].resolution = resolution;
  gpus[i].timestamp += 1000000; /* 1 ms later */
  gpus[i].energy_rc = rc;
}

void fake_amd_set_identity_rc(int i, int bdf_rc, int uuid_rc) {
  gpus[i].bdf_rc = bdf_rc;
  gpus[i].uuid_rc = uuid_rc;
}

/* ---- helpers ----------------------------------------------------------------------------- */

static gpu_t *gpu_of(void *h) {
  for (int i = 0; i < gpu_count; i++) {
    if (h == (void *)&gpus[i]) return &gpus[i];
  }
  return 0;
}

static int socket_of(void *h) {
  for (int s = 0; s < socket_count; s++) {
    if (h == (void *)&sockets[s]) return s;
  }
  return -1;
}

#define NEED_INIT() \
  if (refs <= 0) return ST_NOT_INIT

/* ---- AMD SMI entry points ---------------------------------------------------------------- */

int amdsmi_init(uint64_t flags) {
  calls[C_INIT]++;
  last_flags = flags;
  if (init_rc != OK) return init_rc;
  refs++;
  return OK;
}

int amdsmi_shut_down(void) {
  calls[C_SHUT_DOWN]++;
  if (refs > 0) refs--;
  return OK;
}

/* Like the library: a NULL array asks for the count; otherwise at most *count handles. */
int amdsmi_get_socket_handles(uint32_t *count, void **handles) {
  calls[C_SOCKETS]++;
  NEED_INIT();
  if (!count) return ST_INVAL;
  if (!handles) {
    *count = (uint32_t)socket_count;
    return OK;
  }
  uint32_t n = *count < (uint32_t)socket_count ? *count : (uint32_t)socket_count;
  for (uint32_t s = 0; s < n; s++) handles[s] = &sockets[s];
  *count = n;
  return OK;
}

int amdsmi_get_processor_handles(void *socket, uint32_t *count, void **handles) {
  calls[C_PROCESSORS]++;
  NEED_INIT();
  int s = socket_of(socket);
  if (s < 0 || !count) return ST_INVAL;
  uint32_t on_socket = 0;
  for (int i = 0; i < gpu_count; i++) {
    if (gpus[i].socket == s) on_socket++;
  }
  if (!handles) {
    *count = on_socket;
    return OK;
  }
  uint32_t n = 0;
  for (int i = 0; i < gpu_count && n < *count; i++) {
    if (gpus[i].socket == s) handles[n++] = &gpus[i];
  }
  *count = n;
  return OK;
}

int amdsmi_get_gpu_device_bdf(void *h, bdf_t *bdf) {
  calls[C_BDF]++;
  NEED_INIT();
  gpu_t *g = gpu_of(h);
  if (!g || !bdf) return ST_INVAL;
  if (g->bdf_rc != OK) return g->bdf_rc;
  bdf->as_uint = 0;
  bdf->f.function_number = g->function;
  bdf->f.device_number = g->device;
  bdf->f.bus_number = g->bus;
  bdf->f.domain_number = g->domain;
  return OK;
}

int amdsmi_get_gpu_device_uuid(void *h, unsigned *length, char *uuid) {
  calls[C_UUID]++;
  NEED_INIT();
  gpu_t *g = gpu_of(h);
  if (!g || !length || !uuid || *length < UUID_SIZE) return ST_INVAL;
  if (g->uuid_rc != OK) return g->uuid_rc;
  strncpy(uuid, g->uuid, *length);
  return OK;
}

int amdsmi_get_energy_count(void *h, uint64_t *accumulator, float *resolution,
                            uint64_t *timestamp) {
  calls[C_ENERGY]++;
  NEED_INIT();
  gpu_t *g = gpu_of(h);
  if (!g) return ST_INVAL;
  if (g->energy_rc != OK) return g->energy_rc;
  if (!accumulator || !resolution || !timestamp) return ST_INVAL;
  *accumulator = g->accumulator;
  *resolution = g->resolution;
  *timestamp = g->timestamp;
  return OK;
}
