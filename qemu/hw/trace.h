#include "trace/trace-hw_net_flowsw.h"
