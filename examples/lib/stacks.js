// Printing helpers shared by the stack-sampling tools (profile, offcputime), following BCC's
// output: one frame per line indented four spaces, "--" between kernel and user stacks, then the
// process line and the count.
const EFAULT = 14;

/** BCC's stack_id_err: a failed get_stackid other than "no user stack" (-EFAULT). */
export function stack_id_err(stack_id) {
  return stack_id < 0 && stack_id !== -EFAULT;
}

/** Frames of a stack id, or [] for a failed one. */
export function walk(stack_traces, stack_id) {
  return stack_id < 0 ? [] : stack_traces.walk(stack_id);
}

/** BCC's output sort: ascending by value. */
export function byValueAscending(items, value = (v) => v) {
  return items.sort((x, y) => {
    const a = BigInt(value(x[1]));
    const b = BigInt(value(y[1]));
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
