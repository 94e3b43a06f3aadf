/*
 * Virtual <bcc_helpers.h> for bcc-ts. Placeholder: the BCC dialect (BPF_HASH, BPF_PERF_OUTPUT, helper
 * prototypes, ...) is filled in by the compat layer. Until then this header intentionally defines
 * nothing, so `#include <bcc_helpers.h>` is accepted and contributes no text.
 */
