#include "paralint/util/interrupt_cleanup.hpp"

namespace paralint {

namespace {

// Read by the handler: set before the handlers are installed, cleared after they are gone.
volatile InterruptCleanup::Cleanup active_cleanup = nullptr;

extern "C" void run_cleanup_then_die(int signal_number) {
  if (const auto cleanup = active_cleanup) cleanup();
  (void)std::signal(signal_number, SIG_DFL);  // then die of the signal, as the user asked
  (void)std::raise(signal_number);
}

}  // namespace

InterruptHandlers::InterruptHandlers(Handler handler) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &action, &previous_[i]);
}

InterruptHandlers::~InterruptHandlers() {
  for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &previous_[i], nullptr);
}

InterruptCleanup::InterruptCleanup(Cleanup cleanup) {
  active_cleanup = cleanup;
  handlers_.emplace(run_cleanup_then_die);
}

InterruptCleanup::~InterruptCleanup() {
  handlers_.reset();
  active_cleanup = nullptr;
}

}  // namespace paralint
