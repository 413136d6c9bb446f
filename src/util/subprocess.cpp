#include "paralint/util/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

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

// Kills the child's group on the way out, however the wait ends, and while waiting kills it
// if paralint itself is interrupted.
class ChildGroup {
 public:
  explicit ChildGroup(pid_t pid) : pid_(pid) { running_group = pid; }
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
  InterruptCleanup cleanup_{kill_running_group};
};

[[noreturn]] void exec_child(const ProcessRequest& request, std::string& program, int output_fd) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // paralint killed outright: the child goes too
  ::dup2(output_fd, STDOUT_FILENO);
  ::close(output_fd);
  const int null_fd = ::open("/dev/null", O_RDWR);  // NOLINT(cppcoreguidelines-pro-type-vararg): POSIX
  if (null_fd >= 0) {
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
  }
  if (request.directory && ::chdir(request.directory->c_str()) != 0) ::_exit(126);
  std::vector<char*> args;
  args.reserve(request.argv.size() + 1);
  args.push_back(program.data());
  for (std::size_t i = 1; i < request.argv.size(); ++i) {
    args.push_back(const_cast<char*>(request.argv[i].c_str()));  // NOLINT(cppcoreguidelines-pro-type-const-cast): execvp's signature
  }
  args.push_back(nullptr);
  ::execvp(args[0], args.data());
  ::_exit(127);
}

}  // namespace

unsigned default_timeout_seconds() { return timeout_setting; }

void set_default_timeout_seconds(unsigned seconds) { timeout_setting = seconds; }

std::optional<std::string> run_and_capture(const ProcessRequest& request, std::string& error) {
  if (request.argv.empty()) {
    error = "nothing to run";
    return std::nullopt;
  }
  std::string program = request.argv.front();
  // A relative path stays valid after the child changes directory.
  if (program.find('/') != std::string::npos) program = std::filesystem::absolute(program).string();
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
    exec_child(request, program, pipe_fds[1]);
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

}  // namespace paralint
