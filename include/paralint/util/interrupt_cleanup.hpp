#pragma once

// What paralint must undo when it is interrupted (SIGINT, SIGTERM, SIGHUP) in the middle of
// something: a half-written temporary file to unlink, a child's process group to kill.

#include <array>
#include <csignal>
#include <optional>

namespace paralint {

// While it lives, SIGINT, SIGTERM and SIGHUP go to `handler`; the previous handlers come back
// when it ends. What InterruptCleanup and StopProgramsOnInterrupt (subprocess.hpp) install.
class InterruptHandlers {
 public:
  using Handler = void (*)(int);

  explicit InterruptHandlers(Handler handler);
  ~InterruptHandlers();
  InterruptHandlers(const InterruptHandlers&) = delete;
  InterruptHandlers& operator=(const InterruptHandlers&) = delete;
  InterruptHandlers(InterruptHandlers&&) = delete;
  InterruptHandlers& operator=(InterruptHandlers&&) = delete;

 private:
  static constexpr std::array kSignals{SIGINT, SIGTERM, SIGHUP};
  std::array<struct sigaction, kSignals.size()> previous_{};
};

// While it lives, SIGINT, SIGTERM and SIGHUP first run `cleanup`, then kill paralint with
// the same signal, as the user asked; the previous handlers come back when it ends. One
// lives at a time (paralint writes a file or waits for a child, never both at once).
// `cleanup` runs inside a signal handler: it may call only async-signal-safe functions
// (unlink, kill), and read only state set before the signal (a fixed buffer, a
// sig_atomic_t), never allocate.
class InterruptCleanup {
 public:
  using Cleanup = void (*)() noexcept;

  explicit InterruptCleanup(Cleanup cleanup);
  ~InterruptCleanup();
  InterruptCleanup(const InterruptCleanup&) = delete;
  InterruptCleanup& operator=(const InterruptCleanup&) = delete;
  InterruptCleanup(InterruptCleanup&&) = delete;
  InterruptCleanup& operator=(InterruptCleanup&&) = delete;

 private:
  std::optional<InterruptHandlers> handlers_;  // installed once `cleanup` is in place
};

}  // namespace paralint
