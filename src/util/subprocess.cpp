#include "paralint/util/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>

#include "paralint/util/interrupt_cleanup.hpp"

namespace paralint {

namespace {

unsigned timeout_setting = 30;

// The process group of the child being waited for, for the interrupt cleanup: the child
// runs in a group of its own (so that whatever it starts can be killed with it), which also
// keeps a terminal's Ctrl-C from reaching it, so paralint must pass that on.
volatile std::sig_atomic_t running_group = 0;

void kill_running_group() noexcept {
  if (running_group > 0) ::kill(-running_group, SIGKILL);
}

// Set by StopProgramsOnInterrupt's handler.
volatile std::sig_atomic_t interrupt_signal = 0;
volatile std::sig_atomic_t stop_programs_active = 0;

extern "C" void stop_running_program(int signal_number) {
  interrupt_signal = signal_number;
  kill_running_group();
}

// Kills the child's group on the way out, however the wait ends, and while waiting kills it
// if paralint itself is interrupted (then paralint dies too, unless a StopProgramsOnInterrupt
// lives: then paralint goes on).
class ChildGroup {
 public:
  explicit ChildGroup(pid_t pid) : pid_(pid) {
    running_group = pid;
    if (stop_programs_active == 0) cleanup_.emplace(kill_running_group);
  }
  ~ChildGroup() {
    ::kill(-pid_, SIGKILL);  // what it left running (a shell's `sleep &`) ends with it
    if (!reaped_) ::waitpid(pid_, nullptr, 0);
    running_group = 0;
  }
  ChildGroup(const ChildGroup&) = delete;
  ChildGroup& operator=(const ChildGroup&) = delete;
  ChildGroup(ChildGroup&&) = delete;
  ChildGroup& operator=(ChildGroup&&) = delete;

  // Waits for the child to exit, until the deadline; nullopt when it is still running.
  std::optional<int> wait_until(std::chrono::steady_clock::time_point deadline) {
    while (true) {
      int status = 0;
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        reaped_ = true;
        return status;
      }
      if (done < 0 && errno != EINTR) {
        reaped_ = true;
        return std::nullopt;
      }
      if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
      ::usleep(1000);
    }
  }

 private:
  pid_t pid_;
  bool reaped_ = false;
  std::optional<InterruptCleanup> cleanup_;
};

// execvp's argument vector: pointers into `argv`, which must outlive it.
std::vector<char*> exec_arguments(std::string& program, const std::vector<std::string>& argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  args.push_back(program.data());
  for (std::size_t i = 1; i < argv.size(); ++i) {
    args.push_back(const_cast<char*>(argv[i].c_str()));  // NOLINT(cppcoreguidelines-pro-type-const-cast): execvp's signature
  }
  args.push_back(nullptr);
  return args;
}

// In the child, between fork and exec: only async-signal-safe calls, on what the parent built.
[[noreturn]] void exec_child(const std::optional<std::filesystem::path>& directory, std::vector<char*>& args,
                             char** environment, int output_fd, bool output_takes_stderr) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // paralint killed outright: the child goes too
  ::dup2(output_fd, STDOUT_FILENO);
  if (output_takes_stderr) ::dup2(output_fd, STDERR_FILENO);
  ::close(output_fd);
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);  // NOLINT(cppcoreguidelines-pro-type-vararg): POSIX
  if (null_fd >= 0) {
    ::dup2(null_fd, STDIN_FILENO);
    if (!output_takes_stderr) ::dup2(null_fd, STDERR_FILENO);
  }
  if (directory && ::chdir(directory->c_str()) != 0) ::_exit(126);
  if (environment != nullptr) {
    ::execvpe(args[0], args.data(), environment);
  } else {
    ::execvp(args[0], args.data());
  }
  ::_exit(127);
}

std::string absolute_program(const std::string& program) {
  // A relative path stays valid after the child changes directory.
  return program.find('/') != std::string::npos ? std::filesystem::absolute(program).string() : program;
}

}  // namespace

unsigned default_timeout_seconds() { return timeout_setting; }

void set_default_timeout_seconds(unsigned seconds) { timeout_setting = seconds; }

std::optional<std::string> run_and_capture(const ProcessRequest& request, std::string& error) {
  if (request.argv.empty()) {
    error = "nothing to run";
    return std::nullopt;
  }
  std::string program = absolute_program(request.argv.front());
  auto args = exec_arguments(program, request.argv);
  std::array<int, 2> pipe_fds{};
  if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) {
    error = "cannot create a pipe";
    return std::nullopt;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    error = "cannot fork";
    return std::nullopt;
  }
  if (pid == 0) {
    ::close(pipe_fds[0]);
    exec_child(request.directory, args, nullptr, pipe_fds[1], false);
  }
  ::close(pipe_fds[1]);
  ::setpgid(pid, pid);  // as the child does itself: whichever runs first, the group exists
  ChildGroup child(pid);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(request.timeout_seconds);
  const auto too_slow = "it did not answer within " + std::to_string(request.timeout_seconds) + " s";

  std::string output;
  std::array<char, 65536> buffer{};
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::close(pipe_fds[0]);
      error = too_slow;
      return std::nullopt;
    }
    pollfd readable{pipe_fds[0], POLLIN, 0};
    const int ready = ::poll(&readable, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // the deadline is checked above
    const auto count = ::read(pipe_fds[0], buffer.data(), buffer.size());
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) break;
    if (output.size() + static_cast<std::size_t>(count) > request.max_output_bytes) {
      ::close(pipe_fds[0]);
      error = "it printed more than " + std::to_string(request.max_output_bytes >> 20) + " MiB";
      return std::nullopt;
    }
    output.append(buffer.data(), static_cast<std::size_t>(count));
  }
  ::close(pipe_fds[0]);
  const auto status = child.wait_until(deadline);
  if (!status) {
    error = too_slow;
    return std::nullopt;
  }
  if (WIFSIGNALED(*status)) {
    error = "it was killed by signal " + std::to_string(WTERMSIG(*status));
    return std::nullopt;
  }
  if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
    const int code = WEXITSTATUS(*status);
    error = code == 127 ? "cannot run it" : code == 126 ? "cannot enter its directory" : "it exited with status " + std::to_string(code);
    return std::nullopt;
  }
  return output;
}

ProgramExit run_program(const ProgramRun& run) {
  ProgramExit result;
  if (run.argv.empty()) {
    result.not_started = true;
    return result;
  }
  std::string program = absolute_program(run.argv.front());
  auto args = exec_arguments(program, run.argv);
  // The child's environment, built before fork: paralint's, with the run's changes.
  std::vector<std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic): the C environment
    const std::string_view variable(*entry);
    const bool changed = std::any_of(run.environment.begin(), run.environment.end(), [&](const auto& change) {
      return variable.size() > change.first.size() && variable.starts_with(change.first) && variable[change.first.size()] == '=';
    });
    if (!changed) variables.emplace_back(variable);
  }
  for (const auto& [name, value] : run.environment) {
    if (value) variables.push_back(name + "=" + *value);
  }
  std::vector<char*> environment;
  environment.reserve(variables.size() + 1);
  for (auto& variable : variables) environment.push_back(variable.data());
  environment.push_back(nullptr);

  const int output_fd = ::open(run.output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);  // NOLINT(cppcoreguidelines-pro-type-vararg): POSIX
  if (output_fd < 0) {
    result.not_started = true;
    return result;
  }
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(output_fd);
    result.not_started = true;
    return result;
  }
  if (pid == 0) exec_child(run.directory, args, environment.data(), output_fd, true);
  ::close(output_fd);
  ::setpgid(pid, pid);
  ChildGroup child(pid);
  // Interrupted before the group was known to the handler: it killed nothing, so kill here.
  if (interrupt_signal != 0) ::kill(-pid, SIGKILL);
  const auto deadline = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                      std::chrono::duration<double>(run.timeout_seconds));
  const auto status = child.wait_until(deadline);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.interrupted = interrupt_signal != 0;
  if (!status) {
    result.timed_out = !result.interrupted;
    return result;
  }
  if (WIFSIGNALED(*status)) {
    result.signal = WTERMSIG(*status);
    return result;
  }
  const int code = WEXITSTATUS(*status);
  if (code == 127 || code == 126) result.not_started = true;
  result.exit_code = code;
  return result;
}

StopProgramsOnInterrupt::StopProgramsOnInterrupt() {
  interrupt_signal = 0;
  stop_programs_active = 1;
  handlers_.emplace(stop_running_program);
}

StopProgramsOnInterrupt::~StopProgramsOnInterrupt() {
  handlers_.reset();
  stop_programs_active = 0;
}

bool StopProgramsOnInterrupt::interrupted() { return interrupt_signal != 0; }

int StopProgramsOnInterrupt::signal_received() { return interrupt_signal; }

}  // namespace paralint
