/*
 * A scriptable stand-in for libnvidia-ml.so.1, for Jouletrace's NVML probe tests.
 *
 * Exports the versioned NVML entry points the probe binds, with the x86-64 struct layouts
 * documented in docs/PROBES.md section 1.4 (written from those offsets, not copied
 * from nvml.h), plus fake_* control functions that tests call through JNA to script devices,
 * counters, return codes and MIG instances. Every NVML entry point counts its calls so tests can
 * check that an unsupported function is probed only once.
 *
 * Built with -DFAKE_OLD_DRIVER it omits nvmlDeviceGetTotalEnergyConsumption and
 * nvmlDeviceGetProcessUtilization, like a pre-Volta-era driver, so that the symbols are missing
 * at link time (UnsatisfiedLinkError on the Java side). Built with -DFAKE_NO_INIT_V2 it exports
 * nvmlInit instead of nvmlInit_v2, like a driver older than the versioned API.
 */
#include <stdint.h>
#include <string.h>

#define OK 0
#define ERR_UNINITIALIZED 1
#define ERR_INVALID_ARGUMENT 2
#define ERR_NOT_SUPPORTED 3
#define ERR_NOT_FOUND 6
#define ERR_INSUFFICIENT_SIZE 7
#define ERR_FUNCTION_NOT_FOUND 13

#define MAX_DEVICES 8
#define MAX_MIG 7
#define MAX_PROCS 8
#define BUF 96

typedef struct {
  int used;
  char uuid[BUF];
  unsigned gi, ci;
} mig_t;

typedef struct {
  char uuid[BUF];
  char name[BUF];
  char bus_id[32];
  int cc_major, cc_minor;
  unsigned long long energy_mj;
  int energy_rc;
  unsigned power_mw;
  int field186_rc, field185_rc, usage_rc;
  unsigned limit_mw;
  int limit_rc;
  unsigned util_gpu, util_mem;
  int util_rc;
  int nprocs;
  unsigned proc_pid[MAX_PROCS];
  unsigned proc_sm[MAX_PROCS];
  unsigned long long proc_ts;
  int proc_util_rc;
  int mig_mode;
  mig_t mig[MAX_MIG];
  /* Handles are addresses into this table; MIG handles point into mig[]. */
} device_t;

static device_t devices[MAX_DEVICES];
static int device_count;
static int init_rc;
static int initialised;
static int calls[32];

enum {
  C_INIT, C_SHUTDOWN, C_COUNT, C_BY_INDEX, C_BY_UUID, C_NAME, C_UUID, C_ENERGY, C_POWER,
  C_FIELDS, C_LIMIT, C_UTIL, C_PROC_UTIL, C_COMPUTE_PROCS, C_PCI, C_CC, C_MIG_MODE,
  C_IS_MIG, C_MAX_MIG, C_MIG_BY_INDEX, C_PARENT, C_GI, C_CI
};

/* ---- control functions ------------------------------------------------------------------- */

void fake_reset(void) {
  memset(devices, 0, sizeof devices);
  memset(calls, 0, sizeof calls);
  device_count = 0;
  init_rc = OK;
  initialised = 0;
}

int fake_calls(int which) { return calls[which]; }

void fake_set_init_rc(int rc) { init_rc = rc; }

void fake_add_device(const char *uuid, const char *name, const char *bus_id, int cc_major,
                     int cc_minor) {
  device_t *d = &devices[device_count++];
  strncpy(d->uuid, uuid, BUF - 1);
  strncpy(d->name, name, BUF - 1);
  strncpy(d->bus_id, bus_id, sizeof d->bus_id - 1);
  d->cc_major = cc_major;
  d->cc_minor = cc_minor;
  d->energy_rc = OK;
  d->field186_rc = OK;
  d->field185_rc = OK;
  d->usage_rc = OK;
  d->limit_rc = OK;
  d->util_rc = OK;
  d->proc_util_rc = OK;
  d->limit_mw = 300000;
}

void fake_set_energy(int i, unsigned long long mj, int rc) {
  devices[i].energy_mj = mj;
  devices[i].energy_rc = rc;
}

void fake_set_power(int i, unsigned mw, int field186_rc, int field185_rc, int usage_rc) {
  devices[i].power_mw = mw;
  devices[i].field186_rc = field186_rc;
  devices[i].field185_rc = field185_rc;
  devices[i].usage_rc = usage_rc;
}

void fake_set_limit(int i, unsigned mw, int rc) {
  devices[i].limit_mw = mw;
  devices[i].limit_rc = rc;
}

void fake_set_utilization(int i, unsigned gpu, int rc) {
  devices[i].util_gpu = gpu;
  devices[i].util_rc = rc;
}

/* One process-utilisation sample (pid, SM %) per process, stamped ts_us. */
void fake_set_process(int i, int slot, unsigned pid, unsigned sm) {
  devices[i].proc_pid[slot] = pid;
  devices[i].proc_sm[slot] = sm;
  if (slot + 1 > devices[i].nprocs) devices[i].nprocs = slot + 1;
}

void fake_set_process_samples(int i, int nprocs, unsigned long long ts_us, int rc) {
  devices[i].nprocs = nprocs;
  devices[i].proc_ts = ts_us;
  devices[i].proc_util_rc = rc;
}

void fake_set_mig(int i, int mode, int slot, const char *uuid, unsigned gi, unsigned ci) {
  devices[i].mig_mode = mode;
  if (slot >= 0) {
    mig_t *m = &devices[i].mig[slot];
    m->used = 1;
    strncpy(m->uuid, uuid, BUF - 1);
    m->gi = gi;
    m->ci = ci;
  }
}

/* ---- handle helpers ---------------------------------------------------------------------- */

static device_t *dev_of(void *h) {
  for (int i = 0; i < device_count; i++) {
    if (h == (void *)&devices[i]) return &devices[i];
  }
  return 0;
}

static mig_t *mig_of(void *h, device_t **parent) {
  for (int i = 0; i < device_count; i++) {
    for (int m = 0; m < MAX_MIG; m++) {
      if (h == (void *)&devices[i].mig[m] && devices[i].mig[m].used) {
        if (parent) *parent = &devices[i];
        return &devices[i].mig[m];
      }
    }
  }
  return 0;
}

#define NEED_INIT() \
  if (!initialised) return ERR_UNINITIALIZED

/* ---- NVML entry points ------------------------------------------------------------------- */

#ifndef FAKE_NO_INIT_V2
int nvmlInit_v2(void) {
#else
/* A driver older than the versioned API: only the unsuffixed entry point. */
int nvmlInit(void) {
#endif
  calls[C_INIT]++;
  if (init_rc != OK) return init_rc;
  initialised = 1;
  return OK;
}

int nvmlShutdown(void) {
  calls[C_SHUTDOWN]++;
  initialised = 0;
  return OK;
}

const char *nvmlErrorString(int rc) {
  switch (rc) {
    case OK: return "Success";
    case ERR_NOT_SUPPORTED: return "Not Supported";
    case 9: return "Driver Not Loaded";
    default: return "Unknown Error";
  }
}

int nvmlDeviceGetCount_v2(unsigned *count) {
  calls[C_COUNT]++;
  NEED_INIT();
  *count = (unsigned)device_count;
  return OK;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned index, void **handle) {
  calls[C_BY_INDEX]++;
  NEED_INIT();
  if (index >= (unsigned)device_count) return ERR_INVALID_ARGUMENT;
  *handle = &devices[index];
  return OK;
}

int nvmlDeviceGetHandleByUUID(const char *uuid, void **handle) {
  calls[C_BY_UUID]++;
  NEED_INIT();
  for (int i = 0; i < device_count; i++) {
    if (strcmp(devices[i].uuid, uuid) == 0) {
      *handle = &devices[i];
      return OK;
    }
    for (int m = 0; m < MAX_MIG; m++) {
      if (devices[i].mig[m].used && strcmp(devices[i].mig[m].uuid, uuid) == 0) {
        *handle = &devices[i].mig[m];
        return OK;
      }
    }
  }
  return ERR_NOT_FOUND;
}

static int copy_string(const char *src, char *dst, unsigned len) {
  if (strlen(src) + 1 > len) return ERR_INSUFFICIENT_SIZE;
  strcpy(dst, src);
  return OK;
}

int nvmlDeviceGetName(void *h, char *name, unsigned len) {
  calls[C_NAME]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  return copy_string(d->name, name, len);
}

int nvmlDeviceGetUUID(void *h, char *uuid, unsigned len) {
  calls[C_UUID]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (d) return copy_string(d->uuid, uuid, len);
  mig_t *m = mig_of(h, 0);
  if (m) return copy_string(m->uuid, uuid, len);
  return ERR_INVALID_ARGUMENT;
}

#ifndef FAKE_OLD_DRIVER
int nvmlDeviceGetTotalEnergyConsumption(void *h, unsigned long long *mj) {
  calls[C_ENERGY]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  if (d->energy_rc != OK) return d->energy_rc;
  *mj = d->energy_mj;
  return OK;
}
#endif

int nvmlDeviceGetPowerUsage(void *h, unsigned *mw) {
  calls[C_POWER]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  if (d->usage_rc != OK) return d->usage_rc;
  *mw = d->power_mw;
  return OK;
}

/* nvmlFieldValue_t: fieldId@0 scopeId@4 timestamp@8 latencyUsec@16 valueType@24 nvmlReturn@28
 * value@32, 40 bytes. */
typedef struct {
  uint32_t field_id;
  uint32_t scope_id;
  int64_t timestamp;
  int64_t latency_usec;
  uint32_t value_type;
  uint32_t nvml_return;
  union {
    double d;
    uint32_t ui;
    unsigned long long ull;
  } value;
} field_value_t;

_Static_assert(sizeof(field_value_t) == 40, "nvmlFieldValue_t is 40 bytes");

int nvmlDeviceGetFieldValues(void *h, int count, field_value_t *values) {
  calls[C_FIELDS]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  int any = 0;
  for (int i = 0; i < count; i++) {
    field_value_t *v = &values[i];
    v->timestamp = 1;
    v->latency_usec = 0;
    int rc = ERR_NOT_SUPPORTED;
    if (v->scope_id == 0 && v->field_id == 186) rc = d->field186_rc;
    if (v->scope_id == 0 && v->field_id == 185) rc = d->field185_rc;
    v->nvml_return = (uint32_t)rc;
    if (rc == OK) {
      v->value_type = 1; /* unsigned int */
      v->value.ull = 0;
      v->value.ui = d->power_mw;
      any = 1;
    }
  }
  /* Like the real call: SUCCESS when any value was filled, so callers must check each one. */
  return any ? OK : ERR_NOT_SUPPORTED;
}

int nvmlDeviceGetEnforcedPowerLimit(void *h, unsigned *mw) {
  calls[C_LIMIT]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  if (d->limit_rc != OK) return d->limit_rc;
  *mw = d->limit_mw;
  return OK;
}

int nvmlDeviceGetUtilizationRates(void *h, unsigned *util) {
  calls[C_UTIL]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  if (d->mig_mode) return ERR_NOT_SUPPORTED;
  if (d->util_rc != OK) return d->util_rc;
  util[0] = d->util_gpu;
  util[1] = d->util_mem;
  return OK;
}

/* nvmlProcessUtilizationSample_t: pid@0 timeStamp@8 smUtil@16 memUtil@20 encUtil@24 decUtil@28. */
typedef struct {
  uint32_t pid;
  unsigned long long ts;
  uint32_t sm, mem, enc, dec;
} proc_util_t;

_Static_assert(sizeof(proc_util_t) == 32, "nvmlProcessUtilizationSample_t is 32 bytes");

#ifndef FAKE_OLD_DRIVER
int nvmlDeviceGetProcessUtilization(void *h, proc_util_t *samples, unsigned *count,
                                    unsigned long long last_seen) {
  calls[C_PROC_UTIL]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  if (d->mig_mode) return ERR_NOT_SUPPORTED;
  if (d->proc_util_rc != OK) return d->proc_util_rc;
  if (d->nprocs == 0 || d->proc_ts <= last_seen) return ERR_NOT_FOUND;
  if (samples == 0 || *count < (unsigned)d->nprocs) {
    *count = (unsigned)d->nprocs;
    return ERR_INSUFFICIENT_SIZE;
  }
  for (int i = 0; i < d->nprocs; i++) {
    samples[i].pid = d->proc_pid[i];
    samples[i].ts = d->proc_ts;
    samples[i].sm = d->proc_sm[i];
    samples[i].mem = samples[i].enc = samples[i].dec = 0;
  }
  *count = (unsigned)d->nprocs;
  return OK;
}
#endif

/* nvmlProcessInfo_t (v2 layout, used by _v3): pid@0 usedGpuMemory@8 gpuInstanceId@16
 * computeInstanceId@20, 24 bytes. */
typedef struct {
  uint32_t pid;
  unsigned long long used_memory;
  uint32_t gi, ci;
} proc_info_t;

_Static_assert(sizeof(proc_info_t) == 24, "nvmlProcessInfo_t is 24 bytes");

int nvmlDeviceGetComputeRunningProcesses_v3(void *h, unsigned *count, proc_info_t *infos) {
  calls[C_COMPUTE_PROCS]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  if (*count < (unsigned)d->nprocs) {
    *count = (unsigned)d->nprocs;
    return ERR_INSUFFICIENT_SIZE;
  }
  for (int i = 0; i < d->nprocs; i++) {
    infos[i].pid = d->proc_pid[i];
    infos[i].used_memory = 1u << 20;
    infos[i].gi = 0xFFFFFFFFu;
    infos[i].ci = 0xFFFFFFFFu;
  }
  *count = (unsigned)d->nprocs;
  return OK;
}

/* nvmlPciInfo_t: busIdLegacy[16]@0, domain, bus, device, pciDeviceId, pciSubSystemId @16..36,
 * busId[32]@36, 68 bytes. */
typedef struct {
  char bus_id_legacy[16];
  uint32_t domain, bus, device, pci_device_id, pci_subsystem_id;
  char bus_id[32];
} pci_info_t;

_Static_assert(sizeof(pci_info_t) == 68, "nvmlPciInfo_t is 68 bytes");

int nvmlDeviceGetPciInfo_v3(void *h, pci_info_t *pci) {
  calls[C_PCI]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  memset(pci, 0, sizeof *pci);
  memcpy(pci->bus_id, d->bus_id, sizeof pci->bus_id);
  return OK;
}

int nvmlDeviceGetCudaComputeCapability(void *h, int *major, int *minor) {
  calls[C_CC]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  *major = d->cc_major;
  *minor = d->cc_minor;
  return OK;
}

int nvmlDeviceGetMigMode(void *h, unsigned *current, unsigned *pending) {
  calls[C_MIG_MODE]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  *current = (unsigned)d->mig_mode;
  *pending = (unsigned)d->mig_mode;
  return OK;
}

int nvmlDeviceIsMigDeviceHandle(void *h, unsigned *is_mig) {
  calls[C_IS_MIG]++;
  NEED_INIT();
  *is_mig = mig_of(h, 0) ? 1u : 0u;
  return OK;
}

int nvmlDeviceGetMaxMigDeviceCount(void *h, unsigned *count) {
  calls[C_MAX_MIG]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d) return ERR_INVALID_ARGUMENT;
  *count = d->mig_mode ? MAX_MIG : 0;
  return OK;
}

int nvmlDeviceGetMigDeviceHandleByIndex(void *h, unsigned index, void **mig) {
  calls[C_MIG_BY_INDEX]++;
  NEED_INIT();
  device_t *d = dev_of(h);
  if (!d || index >= MAX_MIG) return ERR_INVALID_ARGUMENT;
  if (!d->mig[index].used) return ERR_NOT_FOUND;
  *mig = &d->mig[index];
  return OK;
}

int nvmlDeviceGetDeviceHandleFromMigDeviceHandle(void *mig, void **parent) {
  calls[C_PARENT]++;
  NEED_INIT();
  device_t *p = 0;
  if (!mig_of(mig, &p)) return ERR_INVALID_ARGUMENT;
  *parent = p;
  return OK;
}

int nvmlDeviceGetGpuInstanceId(void *h, unsigned *id) {
  calls[C_GI]++;
  NEED_INIT();
  mig_t *m = mig_of(h, 0);
  if (!m) return ERR_NOT_SUPPORTED;
  *id = m->gi;
  return OK;
}

int nvmlDeviceGetComputeInstanceId(void *h, unsigned *id) {
  calls[C_CI]++;
  NEED_INIT();
  mig_t *m = mig_of(h, 0);
  if (!m) return ERR_NOT_SUPPORTED;
  *id = m->ci;
  return OK;
}
