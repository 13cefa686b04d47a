// The console's menu entry for My attendance: /me is a page of its own (it fits a phone), so go there.
import { Navigate } from 'react-router-dom';

export default function ToMePage() {
  return <Navigate to="/me" replace />;
}
